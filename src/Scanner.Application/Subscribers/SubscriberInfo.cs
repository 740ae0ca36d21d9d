namespace Scanner.Application.Subscribers;

/// <summary>A subscriber as the admin API returns it: never with its secret.</summary>
public sealed record SubscriberInfo(string Id, Uri Url, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt);
