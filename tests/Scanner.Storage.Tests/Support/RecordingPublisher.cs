using System.Collections.Concurrent;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;

namespace Scanner.Storage.Tests.Support;

/// <summary>A publisher that keeps what it was handed, in order.</summary>
public sealed class RecordingPublisher : IChangePublisher
{
    private readonly ConcurrentQueue<CloudEvent> published = new();

    public IReadOnlyList<CloudEvent> Published => [.. published];

    public string Destination => "recording";

    public Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var cloudEvent in events)
        {
            published.Enqueue(cloudEvent);
        }

        return Task.FromResult(PublishResult.AllPublished);
    }
}
