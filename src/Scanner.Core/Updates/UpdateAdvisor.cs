using NuGet.Versioning;
using Scanner.Core.Catalog;

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
        bool includePrerelease = false)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clientApiVersion);
        ArgumentNullException.ThrowIfNull(installed);
        return installed.Select(i => Advise(catalog.Find(i.Repository), clientApiVersion, i, includePrerelease)).ToArray();
    }

    public static UpdateAdvice Advise(
        CatalogExtension? extension,
        SemanticVersion clientApiVersion,
        InstalledExtension installed,
        bool includePrerelease = false)
    {
        ArgumentNullException.ThrowIfNull(clientApiVersion);
        ArgumentNullException.ThrowIfNull(installed);
        if (extension is null)
        {
            return new UpdateAdvice(installed.Repository, installed.Version, null, null, false, UpdateStatus.UnknownExtension);
        }

        CatalogVersion? latest = null;
        CatalogVersion? latestCompatible = null;
        foreach (var candidate in extension.Versions)
        {
            if (!candidate.IsOffered || (candidate.Version.IsPrerelease && !includePrerelease))
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
            latest?.Version,
            latestCompatible?.Version,
            updateAvailable,
            status);
    }
}
