using System.Text.Json;
using Scanner.Application.Relay;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;

namespace Scanner.Messaging.InProcess;

/// <summary>
/// Standalone mode without Service Bus: change events go to the in-process topic, whose <c>webhooks</c> subscription
/// notifies subscribers. Goes away with the in-process bus (subscriber deliveries move to a Storage queue).
/// </summary>
public sealed class InProcessChangePublisher(InProcessBus bus) : IChangePublisher
{
    public const string ContentType = "application/cloudevents+json";

    public string Destination => "in-process";

    public async Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0)
        {
            await bus.SendAsync(MessagingEntities.ExtensionChanges, [.. events.Select(ToMessage)], cancellationToken).ConfigureAwait(false);
        }

        return PublishResult.AllPublished;
    }

    private static OutgoingMessage ToMessage(CloudEvent cloudEvent) => new(
        cloudEvent.Id,
        JsonSerializer.SerializeToUtf8Bytes(cloudEvent, CoreJsonContext.Default.CloudEvent),
        ContentType,
        cloudEvent.Type,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MessagingEntities.TypeProperty] = cloudEvent.Type,
            [MessagingEntities.RepositoryProperty] = cloudEvent.Repository,
        });
}
