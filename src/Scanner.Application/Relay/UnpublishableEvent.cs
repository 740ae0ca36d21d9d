namespace Scanner.Application.Relay;

/// <summary>An event a destination refused for good, such as one larger than its maximum message size.</summary>
/// <param name="EventId">The CloudEvent id.</param>
/// <param name="Reason">Why it can never be published, for logs and health; names no secret.</param>
public sealed record UnpublishableEvent(string EventId, string Reason);
