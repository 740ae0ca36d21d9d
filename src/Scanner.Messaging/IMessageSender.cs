namespace Scanner.Messaging;

/// <summary>
/// Sends messages to a queue or topic. Returns only after the broker accepted every message; a message id already seen
/// within the duplicate detection window is accepted and dropped.
/// </summary>
public interface IMessageSender
{
    Task SendAsync(string entity, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default);
}
