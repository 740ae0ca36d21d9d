using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Application.Catalog;

/// <summary>The catalog of versions per repository, with its outbox (DESIGN.md section 5).</summary>
public interface ICatalogStore
{
    /// <summary>The stored state of a repository; an empty state (scan count 0) when it was never scanned.</summary>
    Task<StoredRepository> LoadAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a change set (version rows, outbox rows, state row) atomically per transaction, checked against
    /// <see cref="StoredRepository.ConcurrencyToken"/> of <see cref="ChangeSet.Before"/>. Returns
    /// <see cref="CommitResult.Conflict"/> when another committer got there first: reload, detect again, retry.
    /// </summary>
    Task<CommitResult> CommitScanAsync(ChangeSet changes, CancellationToken cancellationToken = default);

    /// <summary>Appends events to a repository's outbox (admin changes announce themselves like scans do).</summary>
    Task AppendOutboxAsync(RepositoryName repository, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);
}
