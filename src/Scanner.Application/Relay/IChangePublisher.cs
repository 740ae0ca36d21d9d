using Scanner.Core.Changes;

namespace Scanner.Application.Relay;

/// <summary>
/// A fan-out destination of the relay (Service Bus). Must be idempotent per event id: the relay re-sends after a crash,
/// and the receiving side deduplicates by id. Throws when a send failed after its retries: the outbox keeps the events.
/// </summary>
public interface IChangePublisher
{
    /// <summary>The destination's name in metrics: <c>servicebus</c>.</summary>
    string Destination { get; }

    Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);
}
