using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>One allow-listed extension and every version recorded of it, newest first.</summary>
public sealed class CatalogExtension
{
    private readonly Dictionary<string, CatalogVersion> _byText;

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
        _byText = new Dictionary<string, CatalogVersion>(Versions.Count, StringComparer.Ordinal);
        foreach (var version in Versions)
        {
            _byText.TryAdd(version.Text, version);
        }
    }

    public AllowListEntry Entry { get; }

    public RepositoryName Repository => Entry.Repository;

    /// <summary>Newest first, by SemVer precedence.</summary>
    public IReadOnlyList<CatalogVersion> Versions { get; }

    /// <summary>The newest release offered to clients, or the newest prerelease when there is no release.</summary>
    public CatalogVersion? LatestOffered { get; }

    public CatalogVersion? Find(SemanticVersion version)
    {
        foreach (var candidate in Versions)
        {
            if (VersionComparer.Default.Equals(candidate.Version, version))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The version whose normal text is exactly <paramref name="text"/>, or null. Clients send back the versions the
    /// API gave them, so most are found without parsing; a miss says nothing, the text may still name one.
    /// </summary>
    public CatalogVersion? FindByText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _byText.GetValueOrDefault(text);
    }
}
