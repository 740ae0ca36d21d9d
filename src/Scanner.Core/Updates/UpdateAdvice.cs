using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Core.Updates;

/// <summary>
/// The advice for one installed extension. <see cref="Latest"/> is the newest version offered to anyone;
/// <see cref="LatestCompatible"/> the newest whose API range the client's Docker Desktop satisfies. A value: an update
/// check makes one per installed extension.
/// </summary>
public readonly record struct UpdateAdvice(
    RepositoryName Repository,
    SemanticVersion InstalledVersion,
    CatalogVersion? Latest,
    CatalogVersion? LatestCompatible,
    bool UpdateAvailable,
    UpdateStatus Status)
{
    public SemanticVersion? LatestVersion => Latest?.Version;

    public SemanticVersion? LatestCompatibleVersion => LatestCompatible?.Version;
}
