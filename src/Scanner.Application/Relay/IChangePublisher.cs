using Scanner.Core.Changes;

namespace Scanner.Application.Relay;

/// <summary>
/// Where the relay hands change events for fan-out (Service Bus). Must be idempotent per event id: the relay re-sends
/// after a crash, and the receiving side deduplicates by id.
/// </summary>
public interface IChangePublisher
{
    /// <summary>Names the destination in logs and metrics (<c>servicebus</c>).</summary>
    string Destination { get; }

    /// <summary>
    /// Publishes <paramref name="events"/> in order. Throws when the destination did not take them, so the caller keeps
    /// them for the next attempt; an event the destination can never take is not thrown but returned in the result, and
    /// the events behind it are still published.
    /// </summary>
    Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);
}
