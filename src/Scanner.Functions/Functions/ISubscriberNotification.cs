using System.Text.Json;

namespace Scanner.Functions.Functions;

/// <summary>NotifySubscribers' work: deliver one change event (CloudEvent JSON) to the subscribers that want it.</summary>
public interface ISubscriberNotification
{
    Task NotifyAsync(JsonElement cloudEvent, CancellationToken cancellationToken = default);
}
