using Scanner.Application.Subscribers;

namespace Scanner.Functions.Http.Models;

public sealed record SubscriberListResponse(IReadOnlyList<SubscriberInfo> Subscribers);
