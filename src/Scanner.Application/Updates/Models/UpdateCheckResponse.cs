namespace Scanner.Application.Updates.Models;

public sealed record UpdateCheckResponse(string ApiVersion, bool IncludePrerelease, IReadOnlyList<UpdateResult> Updates);
