using Scanner.Core.Repositories;

namespace Scanner.Application.Relay;

/// <summary>The outbox rows that scans and admin changes commit beside their data (table <c>catalog</c>).</summary>
public interface IOutbox
{
    /// <summary>The repository's outbox, in commit order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    /// <summary>Every repository's entries written at or before <paramref name="cutoff"/>, in commit order per repository.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>When the oldest entry of any repository was written; null when the outbox is empty.</summary>
    Task<DateTimeOffset?> OldestAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the entries; entries already gone are not an error.</summary>
    Task DeleteAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default);
}
