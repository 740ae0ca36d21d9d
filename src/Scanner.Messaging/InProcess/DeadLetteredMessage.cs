namespace Scanner.Messaging.InProcess;

/// <summary>A message given up on after its last delivery attempt failed; kept for inspection.</summary>
/// <param name="Entity">The queue or topic it was sent to.</param>
/// <param name="Subscription">The topic subscription, or null for a queue.</param>
public sealed record DeadLetteredMessage(string Entity, string? Subscription, ReceivedMessage Message, string Reason);
