using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>
/// The scan bookkeeping in each repository's state row of table <c>catalog</c>. Writes are conditional on the ETag, so
/// two writers of one repository's bookkeeping (or a writer and a scan commit) never both win.
/// </summary>
public interface IScanStateStore
{
    Task<StoredScanState> ReadAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes <paramref name="bookkeeping"/> if the row is still at <see cref="StoredScanState.ETag"/> of
    /// <paramref name="current"/> (or still absent when that is null), leaving the row's other properties alone.
    /// Returns the new state, or null when another writer got there first.
    /// </summary>
    Task<StoredScanState?> TryWriteAsync(StoredScanState current, ScanBookkeeping bookkeeping, CancellationToken cancellationToken = default);

    /// <summary>The bookkeeping of every repository that has a state row (health, the extension detail).</summary>
    Task<IReadOnlyList<StoredScanState>> ListAsync(CancellationToken cancellationToken = default);
}
