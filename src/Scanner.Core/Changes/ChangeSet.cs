using Scanner.Core.Catalog;
using Scanner.Core.Scanning;

namespace Scanner.Core.Changes;

/// <summary>
/// What one scan changes in the catalog of one repository: rows to write, versions to delete, events to announce.
/// <see cref="Revision"/> is the repository revision the commit creates (the stored scan count plus one).
/// </summary>
public sealed record ChangeSet(
    StoredRepository Before,
    long Revision,
    IReadOnlyList<VersionRecord> Upserts,
    IReadOnlyList<string> Deletes,
    IReadOnlyList<CloudEvent> Events)
{
    public bool ChangesVersions => Upserts.Count > 0 || Deletes.Count > 0;
}
