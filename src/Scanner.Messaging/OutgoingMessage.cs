namespace Scanner.Messaging;

/// <summary>A message to send to a queue or topic.</summary>
/// <param name="MessageId">Duplicate detection key: the same id within the detection window is accepted once.</param>
/// <param name="Body">The payload bytes, sent unchanged.</param>
/// <param name="ContentType">Media type of <paramref name="Body"/>.</param>
/// <param name="Label">The Service Bus label (AMQP subject).</param>
/// <param name="ApplicationProperties">Custom properties, usable by subscription filters.</param>
public sealed record OutgoingMessage(
    string MessageId,
    ReadOnlyMemory<byte> Body,
    string? ContentType = null,
    string? Label = null,
    IReadOnlyDictionary<string, string>? ApplicationProperties = null)
{
    /// <summary>Service Bus rejects a longer message id.</summary>
    public const int MaxMessageIdLength = 128;

    public IReadOnlyDictionary<string, string> Properties =>
        ApplicationProperties ?? EmptyProperties;

    private static readonly IReadOnlyDictionary<string, string> EmptyProperties = new Dictionary<string, string>();

    /// <summary>Throws when the message could not be accepted by Service Bus.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(MessageId))
        {
            throw new ArgumentException("A message needs a MessageId (duplicate detection depends on it).", nameof(MessageId));
        }

        if (MessageId.Length > MaxMessageIdLength)
        {
            throw new ArgumentException(
                $"MessageId '{MessageId}' is {MessageId.Length} characters; Service Bus allows at most {MaxMessageIdLength}.",
                nameof(MessageId));
        }
    }
}
