using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scanner.Application.Changes;
using Scanner.Application.Serialization;
using Scanner.Application.Telemetry;

namespace Scanner.Application.Subscribers;

/// <summary>
/// Function <c>NotifySubscribers</c>: delivers one <c>subscriber-deliveries</c> message, one batch of events to one
/// subscriber. A retryable failure throws, so the queue tries again after its visibility timeout and poisons the
/// message after its dequeue limit; the other subscribers' messages are untouched by it.
/// </summary>
public sealed partial class NotifySubscribers(
    ISubscriberStore subscribers, IChangeFeed feed, ISubscriberNotifier notifier, ScannerTelemetry telemetry, ILogger<NotifySubscribers> logger)
{
    public async Task<SubscriberDeliveryResult?> HandleMessageAsync(string message, CancellationToken cancellationToken = default)
    {
        SubscriberDeliveryRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(message, ApplicationJsonContext.Default.SubscriberDeliveryRequest);
        }
        catch (JsonException e)
        {
            throw new FormatException("A subscriber delivery must be a JSON object with subscriberId and eventIds.", e);
        }

        if (request is not { SubscriberId.Length: > 0, EventIds: { Count: > 0 } ids })
        {
            throw new FormatException("A subscriber delivery must name its subscriber and at least one event id.");
        }

        var subscriber = await subscribers.GetAsync(request.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is null)
        {
            LogSubscriberGone(request.SubscriberId);
            telemetry.RecordSubscriberDelivery("dropped");
            return null;
        }

        var events = (await feed.ReadByIdsAsync(ids, cancellationToken).ConfigureAwait(false))
            .Where(e => subscriber.Accepts(e.Type))
            .ToArray();
        if (events.Length == 0)
        {
            return null;
        }

        var result = await notifier.DeliverAsync(subscriber, events, cancellationToken).ConfigureAwait(false);
        telemetry.RecordSubscriberDelivery(result.Delivered ? "delivered" : result.Retryable ? "failed" : "refused");
        if (result.Delivered)
        {
            foreach (var group in events.GroupBy(e => e.Type, StringComparer.Ordinal))
            {
                telemetry.RecordEventsPublished(group.Key, ScannerTelemetry.SubscriberDestination, group.Count());
            }
        }

        if (!result.Delivered && result.Retryable)
        {
            throw new SubscriberDeliveryFailedException(
                $"Delivery of {events.Length} event(s) to subscriber {subscriber.Id} failed after {result.Attempts} attempt(s): {result.Failure}");
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery to subscriber {SubscriberId} dropped: it was removed")]
    private partial void LogSubscriberGone(string subscriberId);
}
