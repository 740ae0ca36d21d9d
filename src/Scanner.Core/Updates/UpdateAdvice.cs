using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Updates;

/// <summary>
/// The advice for one installed extension. <see cref="LatestVersion"/> is the newest version offered to anyone;
/// <see cref="LatestCompatibleVersion"/> the newest whose API range the client's Docker Desktop satisfies.
/// </summary>
public sealed record UpdateAdvice(
    RepositoryName Repository,
    SemanticVersion InstalledVersion,
    SemanticVersion? LatestVersion,
    SemanticVersion? LatestCompatibleVersion,
    bool UpdateAvailable,
    UpdateStatus Status);
