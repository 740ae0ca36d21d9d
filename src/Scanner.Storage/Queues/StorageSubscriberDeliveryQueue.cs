using Scanner.Application.Queues;
using Scanner.Application.Serialization;
using Scanner.Application.Subscribers;

namespace Scanner.Storage.Queues;

/// <summary>Queue <c>subscriber-deliveries</c>: one JSON <see cref="SubscriberDeliveryRequest"/> per message.</summary>
public sealed class StorageSubscriberDeliveryQueue(StorageQueues queues) : ISubscriberDeliveryQueue
{
    public async Task EnqueueAsync(IReadOnlyList<SubscriberDeliveryRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var queue = queues.Get(WorkQueues.SubscriberDeliveries);

        // One message per request: the service has no batch send, and each subscriber's delivery fails or succeeds alone.
        foreach (var request in requests)
        {
            await JsonQueueMessage.SendAsync(queue, request, ApplicationJsonContext.Default.SubscriberDeliveryRequest, TimeSpan.Zero, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
