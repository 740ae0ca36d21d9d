namespace Scanner.Messaging.InProcess;

/// <summary>A message as a consumer of the in-process bus receives it.</summary>
/// <param name="DeliveryCount">1 on the first delivery, one more on each redelivery after a failed attempt.</param>
public sealed record ReceivedMessage(
    string MessageId,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    string? Label,
    IReadOnlyDictionary<string, string> ApplicationProperties,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime);
