using System.Collections.Concurrent;
using Scanner.Core.Changes;

namespace Scanner.Storage.Tests.Support;

/// <summary>Keeps what the test relay handed on, in order (the fan-out that follows the feed append).</summary>
public sealed class RecordingPublisher
{
    private readonly ConcurrentQueue<CloudEvent> published = new();

    public IReadOnlyList<CloudEvent> Published => [.. published];

    public void Publish(IEnumerable<CloudEvent> events)
    {
        foreach (var cloudEvent in events)
        {
            published.Enqueue(cloudEvent);
        }
    }
}
