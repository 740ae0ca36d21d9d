using System.Collections.Frozen;
using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>
/// This instance's copy of every repository's scan bookkeeping, so health, the extension detail and the update check
/// answer from memory. Refreshed from the state rows with the catalog, and at once by this instance's own scans.
/// </summary>
public sealed class ScanStatusBoard(IScanStateStore states)
{
    private volatile FrozenDictionary<RepositoryName, ScanBookkeeping> _current = FrozenDictionary<RepositoryName, ScanBookkeeping>.Empty;

    public IReadOnlyDictionary<RepositoryName, ScanBookkeeping> Current => _current;

    public ScanBookkeeping Get(RepositoryName repository) =>
        _current.TryGetValue(repository, out var bookkeeping) ? bookkeeping : ScanBookkeeping.None;

    /// <summary>True once a scan of the repository has succeeded.</summary>
    public bool HasSucceeded(RepositoryName repository) => Get(repository).LastSucceededAt is not null;

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var all = await states.ListAsync(cancellationToken).ConfigureAwait(false);
        _current = all.ToFrozenDictionary(s => s.Repository, s => s.Bookkeeping);
    }

    /// <summary>Records what this instance just wrote, before the next refresh reads it back.</summary>
    public void Record(RepositoryName repository, ScanBookkeeping bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var copy = new Dictionary<RepositoryName, ScanBookkeeping>(_current) { [repository] = bookkeeping };
        _current = copy.ToFrozenDictionary();
    }
}
