using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Core.Updates;

/// <summary>
/// Decides what a client can upgrade to. Only valid, unblocked versions are ever proposed; prereleases only when the
/// client asks; a version is compatible when its API range includes the client's Extension API version.
/// </summary>
public static class UpdateAdvisor
{
    public static IReadOnlyList<UpdateAdvice> Advise(
        IExtensionCatalog catalog,
        SemanticVersion clientApiVersion,
        IEnumerable<InstalledExtension> installed,
        bool includePrerelease = false,
        Func<RepositoryName, bool>? hasBeenScanned = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clientApiVersion);
        ArgumentNullException.ThrowIfNull(installed);
        return installed.Select(i =>
        {
            var extension = catalog.Find(i.Repository);
            var scanned = extension is null || extension.Versions.Count > 0 || hasBeenScanned is null || hasBeenScanned(i.Repository);
            return Advise(extension, clientApiVersion, i, includePrerelease, scanned);
        }).ToArray();
    }

    public static UpdateAdvice Advise(
        CatalogExtension? extension,
        SemanticVersion clientApiVersion,
        InstalledExtension installed,
        bool includePrerelease = false,
        bool scanned = true)
    {
        ArgumentNullException.ThrowIfNull(clientApiVersion);
        ArgumentNullException.ThrowIfNull(installed.Version);
        if (extension is null)
        {
            return new UpdateAdvice(installed.Repository, installed.Version, null, null, false, UpdateStatus.UnknownExtension);
        }

        // Versions are only ever recorded by a successful scan; without them and without one, nothing is known.
        if (!scanned && extension.Versions.Count == 0)
        {
            return new UpdateAdvice(installed.Repository, installed.Version, null, null, false, UpdateStatus.NotScannedYet);
        }

        CatalogVersion? latest = null;
        CatalogVersion? latestCompatible = null;
        var versions = extension.Versions;
        for (var i = 0; i < versions.Count; i++)
        {
            var candidate = versions[i];
            if (!candidate.IsOffered || (candidate.IsPrerelease && !includePrerelease))
            {
                continue;
            }

            latest ??= candidate;
            if (candidate.ApiRange!.Includes(clientApiVersion))
            {
                latestCompatible = candidate;
                break;
            }
        }

        var comparer = VersionComparer.Default;
        var updateAvailable = latestCompatible is not null && comparer.Compare(latestCompatible.Version, installed.Version) > 0;
        var installedRecord = extension.Find(installed.Version);
        var status =
            installedRecord is { IsBlocked: true } ? UpdateStatus.InstalledVersionBlocked
            : updateAvailable ? UpdateStatus.UpdateAvailable
            : latest is not null && comparer.Compare(latest.Version, installed.Version) > 0 ? UpdateStatus.NewerVersionNeedsNewerDesktop
            : UpdateStatus.UpToDate;

        return new UpdateAdvice(
            installed.Repository,
            installed.Version,
            latest,
            latestCompatible,
            updateAvailable,
            status);
    }
}
