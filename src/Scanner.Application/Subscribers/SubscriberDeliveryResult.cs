namespace Scanner.Application.Subscribers;

/// <summary>How the delivery of one batch to one subscriber ended.</summary>
/// <param name="Delivered">True when the subscriber answered 2xx.</param>
/// <param name="Attempts">Requests made (0 when the URL was refused before any).</param>
/// <param name="LastStatus">HTTP status of the last answer, null when none came.</param>
/// <param name="Failure">Why it was given up, null when delivered.</param>
/// <param name="Retryable">False when trying again cannot help (a refused address, a 4xx other than 408/429).</param>
public sealed record SubscriberDeliveryResult(string SubscriberId, bool Delivered, int Attempts, int? LastStatus, string? Failure, bool Retryable = true);
