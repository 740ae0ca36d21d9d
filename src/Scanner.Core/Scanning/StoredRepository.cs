using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>
/// What the catalog holds for one repository before a scan: its versions and how many scans were committed
/// (the revision, which also drives the round-robin of digest re-checks).
/// </summary>
public sealed record StoredRepository(RepositoryName Repository, IReadOnlyList<VersionRecord> Versions, long ScanCount)
{
    public static StoredRepository Empty(RepositoryName repository) => new(repository, [], 0);
}
