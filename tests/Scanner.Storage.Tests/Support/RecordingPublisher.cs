using System.Collections.Concurrent;
using Scanner.Core.Changes;
using Scanner.Core.Ports;

namespace Scanner.Storage.Tests.Support;

/// <summary>A publisher that keeps what it was handed, in order.</summary>
public sealed class RecordingPublisher : IChangePublisher
{
    private readonly ConcurrentQueue<CloudEvent> published = new();

    public IReadOnlyList<CloudEvent> Published => [.. published];

    public Task PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var cloudEvent in events)
        {
            published.Enqueue(cloudEvent);
        }

        return Task.CompletedTask;
    }
}
