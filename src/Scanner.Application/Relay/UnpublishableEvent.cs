namespace Scanner.Application.Relay;

/// <summary>An event a publisher can never send, with the reason (for the operator; no secrets in it).</summary>
public sealed record UnpublishableEvent(string EventId, string Reason);
