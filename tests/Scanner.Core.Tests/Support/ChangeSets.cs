using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Scanning;

namespace Scanner.Core.Tests.Support;

internal static class ChangeSets
{
    /// <summary>The stored state after committing <paramref name="changes"/>, as the catalog store does.</summary>
    public static StoredRepository ApplyTo(this ChangeSet changes, StoredRepository stored)
    {
        var versions = new Dictionary<string, VersionRecord>(StringComparer.Ordinal);
        foreach (var record in stored.Versions)
        {
            versions[record.Version] = record;
        }

        foreach (var deleted in changes.Deletes)
        {
            versions.Remove(deleted);
        }

        foreach (var record in changes.Upserts)
        {
            versions[record.Version] = record;
        }

        return stored with { Versions = versions.Values.ToArray(), ScanCount = changes.Revision };
    }
}
