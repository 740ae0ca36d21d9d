using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Serialization;

namespace Scanner.Storage.Snapshot;

/// <summary>
/// An immutable catalog of every allow-listed extension and its versions, as of one feed sequence. Applying events
/// makes a new snapshot that shares every extension the events did not touch. Applying an event twice changes nothing
/// more than applying it once, so a load that overlaps the events after its head is still exact.
/// </summary>
public sealed class CatalogSnapshot : IExtensionCatalog
{
    private readonly ImmutableDictionary<RepositoryName, AllowListEntry> entries;
    private readonly ImmutableDictionary<RepositoryName, ImmutableDictionary<string, VersionRecord>> versions;
    private readonly ImmutableDictionary<RepositoryName, CatalogExtension> extensions;
    private readonly FrozenDictionary<string, CatalogExtension>.AlternateLookup<ReadOnlySpan<char>> byNormalizedNameText;

    private CatalogSnapshot(
        ImmutableDictionary<RepositoryName, AllowListEntry> entries,
        ImmutableDictionary<RepositoryName, ImmutableDictionary<string, VersionRecord>> versions,
        ImmutableDictionary<RepositoryName, CatalogExtension> extensions)
    {
        this.entries = entries;
        this.versions = versions;
        this.extensions = extensions;
        Extensions = [.. extensions.Values.OrderBy(e => e.Repository)];
        byNormalizedNameText = Extensions.ToFrozenDictionary(e => e.Repository.Value, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static CatalogSnapshot Empty { get; } = new(
        ImmutableDictionary<RepositoryName, AllowListEntry>.Empty,
        ImmutableDictionary<RepositoryName, ImmutableDictionary<string, VersionRecord>>.Empty,
        ImmutableDictionary<RepositoryName, CatalogExtension>.Empty);

    public IReadOnlyList<CatalogExtension> Extensions { get; }

    public CatalogExtension? Find(RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return extensions.GetValueOrDefault(repository);
    }

    public CatalogExtension? FindByNormalizedName(ReadOnlySpan<char> value) =>
        byNormalizedNameText.TryGetValue(value, out var extension) ? extension : null;

    /// <summary>A snapshot of the given allow-list and version rows (versions of repositories not listed are kept aside).</summary>
    public static CatalogSnapshot Create(IEnumerable<AllowListEntry> allowList, IEnumerable<VersionRecord> records)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        ArgumentNullException.ThrowIfNull(records);
        var entries = allowList.ToImmutableDictionary(e => e.Repository);
        var versions = records
            .GroupBy(r => RepositoryName.Parse(r.Repository))
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableDictionary(r => r.Version, StringComparer.Ordinal));
        var extensions = entries.Values.ToImmutableDictionary(
            e => e.Repository,
            e => new CatalogExtension(e, versions.GetValueOrDefault(e.Repository)?.Values ?? []));
        return new CatalogSnapshot(entries, versions, extensions);
    }

    /// <summary>The snapshot after <paramref name="events"/>, in feed order.</summary>
    public CatalogSnapshot Apply(IEnumerable<CloudEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var newEntries = entries.ToBuilder();
        var newVersions = versions.ToBuilder();
        var touched = new HashSet<RepositoryName>();
        foreach (var cloudEvent in events)
        {
            if (!RepositoryName.TryParse(cloudEvent.Repository, out var repository))
            {
                continue;
            }

            touched.Add(repository);
            var known = newVersions.GetValueOrDefault(repository) ?? ImmutableDictionary.Create<string, VersionRecord>(StringComparer.Ordinal);
            switch (cloudEvent.Type)
            {
                case ChangeEventTypes.VersionPublished or ChangeEventTypes.VersionRejected or ChangeEventTypes.VersionRetagged:
                    var record = ChangeEvents.ReadVersionRecord(cloudEvent)!;
                    newVersions[repository] = known.SetItem(record.Version, record);
                    break;
                case ChangeEventTypes.VersionWithdrawn:
                    newVersions[repository] = known.Remove(cloudEvent.Subject ?? string.Empty);
                    break;
                case ChangeEventTypes.ExtensionAdded:
                    var added = cloudEvent.Data.Deserialize(CoreJsonContext.Default.ExtensionEventData);
                    newEntries[repository] = newEntries.TryGetValue(repository, out var existing)
                        ? existing
                        : new AllowListEntry(repository, cloudEvent.Time, added?.Note, new HashSet<string>(StringComparer.Ordinal));
                    break;
                case ChangeEventTypes.ExtensionRemoved:
                    newEntries.Remove(repository);
                    break;
                case ChangeEventTypes.VersionBlocked or ChangeEventTypes.VersionUnblocked:
                    if (newEntries.TryGetValue(repository, out var entry) && cloudEvent.Subject is { } version)
                    {
                        var blocked = new HashSet<string>(entry.BlockedVersions, StringComparer.Ordinal);
                        if (cloudEvent.Type == ChangeEventTypes.VersionBlocked)
                        {
                            blocked.Add(version);
                        }
                        else
                        {
                            blocked.Remove(version);
                        }

                        newEntries[repository] = entry with { BlockedVersions = blocked };
                    }

                    break;
                default:
                    break;
            }
        }

        var entriesAfter = newEntries.ToImmutable();
        var versionsAfter = newVersions.ToImmutable();
        var extensionsAfter = extensions.ToBuilder();
        foreach (var repository in touched)
        {
            if (entriesAfter.TryGetValue(repository, out var entry))
            {
                extensionsAfter[repository] = new CatalogExtension(entry, versionsAfter.GetValueOrDefault(repository)?.Values ?? []);
            }
            else
            {
                extensionsAfter.Remove(repository);
            }
        }

        return new CatalogSnapshot(entriesAfter, versionsAfter, extensionsAfter.ToImmutable());
    }
}
