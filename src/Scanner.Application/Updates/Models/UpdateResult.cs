using Scanner.Core.Updates;

namespace Scanner.Application.Updates.Models;

/// <summary>The advice for one installed extension, as the update check answers it. A value: an answer holds one per extension.</summary>
public readonly record struct UpdateResult(
    string Repository,
    string InstalledVersion,
    string? LatestVersion,
    string? LatestCompatibleVersion,
    bool UpdateAvailable,
    UpdateStatus Status);
