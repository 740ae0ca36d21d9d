using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Queues;
using Scanner.Application.Subscribers;

namespace Scanner.Functions.Functions;

/// <summary>Signed webhook deliveries: one message of <c>subscriber-deliveries</c> is one batch for one subscriber.</summary>
public sealed class NotificationFunctions(NotifySubscribers notify)
{
    [Function(nameof(NotifySubscribers))]
    public Task NotifySubscribers(
        [QueueTrigger(WorkQueues.SubscriberDeliveries, Connection = WorkQueues.Connection)] string message,
        CancellationToken cancellationToken) =>
        notify.HandleMessageAsync(message, cancellationToken);
}
