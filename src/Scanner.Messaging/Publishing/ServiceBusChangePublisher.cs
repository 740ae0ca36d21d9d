using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Application.Relay;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;
using Scanner.Messaging.ServiceBus;

namespace Scanner.Messaging.Publishing;

/// <summary>
/// Publishes change events to topic <c>extension-changes</c> through the app's one <see cref="ServiceBusSender"/>: a
/// chunk goes out as one <see cref="ServiceBusMessageBatch"/>, split when full, in order. Each message is the event in
/// CloudEvents JSON structured mode, <c>MessageId</c> = event id (duplicate detection drops a re-sent event),
/// <c>Subject</c> and property <c>type</c> = event type, property <c>repository</c>. Retries are the SDK's; a send that
/// still fails throws <see cref="ServiceBusPublishException"/>, so the relay keeps the events. An event larger than the
/// topic takes is returned as unpublishable, and the events behind it are still sent.
/// </summary>
public sealed partial class ServiceBusChangePublisher : IChangePublisher
{
    public const string DestinationName = "servicebus";

    public const string CloudEventContentType = "application/cloudevents+json";

    private readonly ServiceBusSender _sender;
    private readonly ILogger _logger;

    public ServiceBusChangePublisher(ServiceBusSender sender, ILogger<ServiceBusChangePublisher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
        _logger = logger ?? NullLogger<ServiceBusChangePublisher>.Instance;
    }

    public string Destination => DestinationName;

    public async Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return PublishResult.AllPublished;
        }

        var unpublishable = new List<UnpublishableEvent>();
        try
        {
            var batch = await _sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var cloudEvent in events)
                {
                    var message = ToMessage(cloudEvent);
                    if (batch.TryAddMessage(message))
                    {
                        continue;
                    }

                    if (batch.Count > 0)
                    {
                        await SendAsync(batch, cancellationToken).ConfigureAwait(false);
                        batch.Dispose();
                        batch = await _sender.CreateMessageBatchAsync(cancellationToken).ConfigureAwait(false);
                        if (batch.TryAddMessage(message))
                        {
                            continue;
                        }
                    }

                    // It does not fit an empty batch: Service Bus would refuse it however often it is sent.
                    var reason = $"its message ({message.Body.ToMemory().Length} bytes of body) is larger than the {batch.MaxSizeInBytes} bytes " +
                                 $"Service Bus takes per message on topic {_sender.EntityPath}";
                    LogUnpublishable(cloudEvent.Id, _sender.EntityPath, reason);
                    unpublishable.Add(new UnpublishableEvent(cloudEvent.Id, reason));
                }

                if (batch.Count > 0)
                {
                    await SendAsync(batch, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                batch.Dispose();
            }
        }
        catch (UnauthorizedAccessException error)
        {
            throw new ServiceBusPublishException(
                $"Service Bus namespace {_sender.FullyQualifiedNamespace} refused the credentials of setting {ServiceBusConnectionSetting.Name}: " +
                $"check its SharedAccessKeyName and SharedAccessKey, or that the app's identity may send to topic {_sender.EntityPath} " +
                $"(Azure Service Bus Data Sender). {error.Message}",
                isAuthorizationFailure: true,
                isTransient: false,
                error);
        }
        catch (ServiceBusException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceBusPublishException(
                $"Service Bus namespace {_sender.FullyQualifiedNamespace} (setting {ServiceBusConnectionSetting.Name}) did not take " +
                $"{events.Count} event(s) for topic {_sender.EntityPath} ({error.Reason}, after the client's retries): {error.Message}",
                isAuthorizationFailure: false,
                isTransient: error.IsTransient,
                error);
        }

        return unpublishable.Count == 0 ? PublishResult.AllPublished : new PublishResult(unpublishable);
    }

    /// <summary>The message for one event: its body is the event as the change feed stores it (CloudEvents JSON structured mode).</summary>
    public static ServiceBusMessage ToMessage(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var message = new ServiceBusMessage(JsonSerializer.SerializeToUtf8Bytes(cloudEvent, CoreJsonContext.Default.CloudEvent))
        {
            MessageId = cloudEvent.Id,
            Subject = cloudEvent.Type,
            ContentType = CloudEventContentType,
        };
        message.ApplicationProperties[MessagingEntities.TypeProperty] = cloudEvent.Type;
        message.ApplicationProperties[MessagingEntities.RepositoryProperty] = cloudEvent.Repository;
        return message;
    }

    private async Task SendAsync(ServiceBusMessageBatch batch, CancellationToken cancellationToken)
    {
        await _sender.SendMessagesAsync(batch, cancellationToken).ConfigureAwait(false);
        LogSent(batch.Count, _sender.EntityPath, batch.SizeInBytes);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Count} event(s) to Service Bus topic {Topic} in one batch of {Bytes} bytes")]
    private partial void LogSent(int count, string topic, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} can never be published to Service Bus topic {Topic}: {Reason}; the events after it are sent")]
    private partial void LogUnpublishable(string eventId, string topic, string reason);
}
