namespace Scanner.Application.Subscribers;

/// <summary>Queue <c>subscriber-deliveries</c>.</summary>
public interface ISubscriberDeliveryQueue
{
    Task EnqueueAsync(IReadOnlyList<SubscriberDeliveryRequest> requests, CancellationToken cancellationToken = default);
}
