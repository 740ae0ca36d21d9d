using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Scanner.Application.Relay;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Feed;

/// <summary>
/// Appends events to the change feed: one entity-group transaction per batch holds the counter (ETag-checked), the feed
/// rows numbered after it and one index row per event id. Allocation and append are therefore atomic (a crash leaves
/// no gap), concurrent writers serialise on the counter's ETag, and an event already in the feed shows up as the
/// conflict of its index row, after which the batch is appended without it: appending again after a crash, or two
/// relays appending the same entries, puts each event in the feed once.
/// </summary>
public sealed class TableChangeFeedWriter : IChangeFeedWriter
{
    /// <summary>Counter + (feed row + index row) per event within the 100-action limit.</summary>
    public const int MaxEventsPerTransaction = (TransactionBatcher.MaxActions - 1) / 2;

    /// <summary>Appends that lose the counter to another writer are tried again, up to this many times in all.</summary>
    private const int MaxAttempts = 200;

    private readonly TableClient table;

    public TableChangeFeedWriter(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Changes;
    }

    public Task<int> AppendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return AppendAsync([.. entries.Select(e => new FeedEvent(e.Event.Id, e.Json))], cancellationToken);
    }

    /// <summary>
    /// Appends the events not yet in the feed, in the given order; events already there are skipped.
    /// Returns how many were appended now.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyList<FeedEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new List<FeedEvent>(events.DistinctBy(e => e.Id, StringComparer.Ordinal));
        var appended = 0;
        var attempts = 0;
        try
        {
            while (pending.Count > 0)
            {
                var batch = TakeBatch(pending);
                var head = await table.GetEntityIfExistsAsync<TableEntity>(ChangesRowKeys.Partition, ChangesRowKeys.Head, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                var sequence = head.HasValue && head.Value is not null ? FeedRows.ReadSequence(head.Value) : 0;
                var actions = new List<TableTransactionAction>(1 + (2 * batch.Count))
                {
                    head.HasValue && head.Value is not null
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, FeedRows.Head(sequence + batch.Count), head.Value.ETag)
                        : new TableTransactionAction(TableTransactionActionType.Add, FeedRows.Head(batch.Count)),
                };
                for (var i = 0; i < batch.Count; i++)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, FeedRows.Event(sequence + 1 + i, batch[i].Id, batch[i].Json.Span)));
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, FeedRows.Index(sequence + 1 + i, batch[i].Id)));
                }

                try
                {
                    await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    pending.RemoveRange(0, batch.Count);
                    appended += batch.Count;
                    attempts = 0;
                }
                catch (TableTransactionFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
                {
                    var failed = ex.FailedTransactionActionIndex ?? 0;
                    if (failed > 0 && failed % 2 == 0)
                    {
                        // An index row exists: that event is in the feed already, and after a crash or a concurrent
                        // relay usually the whole batch is. A few queries find which; drop those, keep the rest.
                        var appendedBefore = await AppendedAsync(batch, cancellationToken).ConfigureAwait(false);
                        appendedBefore.Add(batch[(failed / 2) - 1].Id);
                        pending.RemoveAll(e => appendedBefore.Contains(e.Id));
                        continue;
                    }

                    // Another writer moved the counter first: a lost race, not a failure of the service.
                    if (++attempts >= MaxAttempts)
                    {
                        throw new InvalidOperationException($"The change feed counter stayed contended for {attempts} attempts.", ex);
                    }

                    await Task.Delay(Backoff(attempts), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While(
                $"appending to the change feed ({appended} of {events.Count} events appended, each batch whole; appending again skips them)",
                table.Uri,
                ex);
        }

        return appended;
    }

    /// <summary>The ids of <paramref name="batch"/> that have an index row, that is, are in the feed.</summary>
    private async Task<HashSet<string>> AppendedAsync(List<FeedEvent> batch, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var filter in RowKeyFilter.AnyOf(ChangesRowKeys.Partition, batch.Select(e => ChangesRowKeys.Index(e.Id))))
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                found.Add(FeedRows.IndexedEventId(entity));
            }
        }

        return found;
    }

    private static List<FeedEvent> TakeBatch(List<FeedEvent> pending)
    {
        var batch = new List<FeedEvent>();
        var bytes = 0;
        foreach (var item in pending)
        {
            var size = ChunkedBinary.EstimateRequestBytes(item.Json.Length) + 1024;
            if (batch.Count == MaxEventsPerTransaction || (batch.Count > 0 && bytes + size > TransactionBatcher.MaxRequestBytes))
            {
                break;
            }

            batch.Add(item);
            bytes += size;
        }

        return batch;
    }

    // Jittered, growing a little with contention; a lost race means another writer made progress.
#pragma warning disable CA5394 // Jitter, not security.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (5 * Math.Min(attempt, 10))));
#pragma warning restore CA5394
}
