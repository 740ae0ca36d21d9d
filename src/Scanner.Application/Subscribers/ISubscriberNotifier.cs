using Scanner.Core.Changes;

namespace Scanner.Application.Subscribers;

/// <summary>Sends events to one subscriber's webhook, signed with its secret (DESIGN.md section 7).</summary>
public interface ISubscriberNotifier
{
    /// <summary>One signed POST of the events as a CloudEvents batch; never throws but for cancellation.</summary>
    Task<SubscriberDeliveryResult> DeliverAsync(Subscriber subscriber, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);
}
