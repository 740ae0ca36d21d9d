using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>
/// What the catalog holds for one repository before a scan: its versions and how many scans were committed
/// (the revision, which also drives the round-robin of digest re-checks).
/// </summary>
public sealed record StoredRepository(RepositoryName Repository, IReadOnlyList<VersionRecord> Versions, long ScanCount)
{
    /// <summary>Opaque token of the stored state (the state row's ETag); a commit succeeds only if it is still current.</summary>
    public string? ConcurrencyToken { get; init; }

    public static StoredRepository Empty(RepositoryName repository) => new(repository, [], 0);
}
