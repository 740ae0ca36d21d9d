namespace Scanner.Functions.Http.Models;

public sealed record AllowListResponse(IReadOnlyList<AllowListEntryResponse> Repositories);
