using Scanner.Core.Changes;

namespace Scanner.Application.Relay;

/// <summary>
/// Where the relay hands change events for fan-out (Service Bus, or the in-process bus). Must be idempotent per event
/// id: the relay re-sends after a crash, and the receiving side deduplicates by id.
/// </summary>
public interface IChangePublisher
{
    Task PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);
}
