using System.Text.Json;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Serialization;

namespace Scanner.Messaging.Publishing;

/// <summary>
/// Publishes change events to topic <c>extension-changes</c>: one message per event, <c>MessageId</c> = event id (so a
/// re-sent event is dropped by duplicate detection), label and property <c>type</c> = event type, property
/// <c>repository</c>. Returns only after the bus accepted every message, so the relay may then delete its outbox rows.
/// </summary>
public sealed class ServiceBusChangePublisher : IChangePublisher
{
    public const string CloudEventContentType = "application/cloudevents+json; charset=utf-8";

    private readonly IMessageSender _sender;

    public ServiceBusChangePublisher(IMessageSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender;
    }

    public Task PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Count == 0
            ? Task.CompletedTask
            : _sender.SendAsync(MessagingEntities.ExtensionChanges, [.. events.Select(ToMessage)], cancellationToken);
    }

    /// <summary>The message for one event; its body is the event in CloudEvents JSON structured mode.</summary>
    public static OutgoingMessage ToMessage(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new OutgoingMessage(
            cloudEvent.Id,
            JsonSerializer.SerializeToUtf8Bytes(cloudEvent, CoreJsonContext.Default.CloudEvent),
            CloudEventContentType,
            cloudEvent.Type,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MessagingEntities.TypeProperty] = cloudEvent.Type,
                [MessagingEntities.RepositoryProperty] = cloudEvent.Repository,
            });
    }

    /// <summary>Reads the event from a message body (the subscription trigger's side).</summary>
    public static CloudEvent ReadEvent(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, CoreJsonContext.Default.CloudEvent)
            ?? throw new FormatException("A change message body is a CloudEvent in JSON structured mode, not null.");
}
