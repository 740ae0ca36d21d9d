using NuGet.Versioning;
using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>One allow-listed extension and every version recorded of it, newest first.</summary>
public sealed class CatalogExtension
{
    private readonly CatalogVersion[] _versions;
    private readonly Dictionary<string, CatalogVersion>.AlternateLookup<ReadOnlySpan<char>> _byText;

    public CatalogExtension(AllowListEntry entry, IEnumerable<VersionRecord> versions)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(versions);
        Entry = entry;
        _versions = versions
            .Select(v => new CatalogVersion(v, entry.BlockedVersions.Contains(v.Version)))
            .OrderByDescending(v => v.Version, VersionComparer.Default)
            .ToArray();
        LatestOffered = _versions.FirstOrDefault(v => v.IsOffered && !v.Version.IsPrerelease)
                        ?? _versions.FirstOrDefault(v => v.IsOffered);
        var byText = new Dictionary<string, CatalogVersion>(_versions.Length, StringComparer.Ordinal);
        foreach (var version in _versions)
        {
            byText.TryAdd(version.Text, version);
        }

        _byText = byText.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public AllowListEntry Entry { get; }

    public RepositoryName Repository => Entry.Repository;

    /// <summary>Newest first, by SemVer precedence.</summary>
    public IReadOnlyList<CatalogVersion> Versions => _versions;

    /// <summary>The newest release offered to clients, or the newest prerelease when there is no release.</summary>
    public CatalogVersion? LatestOffered { get; }

    public CatalogVersion? Find(SemanticVersion version)
    {
        // The version usually is one of these very objects (the update check looks the client's text up first).
        foreach (var candidate in _versions)
        {
            if (ReferenceEquals(candidate.Version, version))
            {
                return candidate;
            }
        }

        foreach (var candidate in _versions)
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
    public CatalogVersion? FindByText(ReadOnlySpan<char> text) => _byText.TryGetValue(text, out var version) ? version : null;
}
