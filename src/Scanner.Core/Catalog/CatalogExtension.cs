using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>One allow-listed extension and every version recorded of it, newest first.</summary>
public sealed class CatalogExtension
{
    public CatalogExtension(AllowListEntry entry, IEnumerable<VersionRecord> versions)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(versions);
        Entry = entry;
        Versions = versions
            .Select(v => new CatalogVersion(v, entry.BlockedVersions.Contains(v.Version)))
            .OrderByDescending(v => v.Version, VersionComparer.Default)
            .ToArray();
        LatestOffered = Versions.FirstOrDefault(v => v.IsOffered && !v.Version.IsPrerelease)
                        ?? Versions.FirstOrDefault(v => v.IsOffered);
    }

    public AllowListEntry Entry { get; }

    public RepositoryName Repository => Entry.Repository;

    /// <summary>Newest first, by SemVer precedence.</summary>
    public IReadOnlyList<CatalogVersion> Versions { get; }

    /// <summary>The newest release offered to clients, or the newest prerelease when there is no release.</summary>
    public CatalogVersion? LatestOffered { get; }

    public CatalogVersion? Find(SemanticVersion version) =>
        Versions.FirstOrDefault(v => VersionComparer.Default.Equals(v.Version, version));
}
