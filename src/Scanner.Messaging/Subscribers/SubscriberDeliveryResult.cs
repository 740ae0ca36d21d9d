namespace Scanner.Messaging.Subscribers;

/// <summary>How the delivery of one event to one subscriber ended.</summary>
/// <param name="Delivered">True when the subscriber answered 2xx.</param>
/// <param name="Attempts">Requests made (0 when the URL was refused before any).</param>
/// <param name="LastStatus">HTTP status of the last answer, null when none came.</param>
/// <param name="Failure">Why it was given up, null when delivered.</param>
public sealed record SubscriberDeliveryResult(string SubscriberId, bool Delivered, int Attempts, int? LastStatus, string? Failure);
