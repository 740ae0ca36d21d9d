using Scanner.Core.Updates;

namespace Scanner.Application.Updates.Models;

public sealed record UpdateResult(
    string Repository,
    string InstalledVersion,
    string? LatestVersion,
    string? LatestCompatibleVersion,
    bool UpdateAvailable,
    UpdateStatus Status);
