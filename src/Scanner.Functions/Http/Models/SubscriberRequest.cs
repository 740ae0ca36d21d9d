namespace Scanner.Functions.Http.Models;

public sealed record SubscriberRequest(string? Url, string? Secret, IReadOnlyList<string>? EventTypes);
