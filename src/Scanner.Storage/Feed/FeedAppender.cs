using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Feed;

/// <summary>
/// Appends events to the change feed: one entity-group transaction per batch holds the counter (ETag-checked), the feed
/// rows numbered after it and one index row per event id. Allocation and append are therefore atomic (a crash leaves
/// no gap), concurrent appenders serialise on the counter's ETag, and an event already in the feed shows up as the
/// conflict of its index row, after which the batch is appended without it.
/// </summary>
public sealed class FeedAppender
{
    /// <summary>Counter + (feed row + index row) per event within the 100-action limit.</summary>
    public const int MaxEventsPerTransaction = (TransactionBatcher.MaxActions - 1) / 2;

    private readonly TableClient table;
    private readonly int maxAttempts;

    public FeedAppender(StorageTables tables, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        table = tables.Changes;
        maxAttempts = options.Value.FeedAppendAttempts;
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
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, FeedRows.Event(sequence + 1 + i, batch[i].Id, batch[i].Json)));
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
                    // An index row exists: that event is in the feed already, and after a crash or a concurrent relay
                    // usually the whole batch is. One query finds which; drop those, keep the rest.
                    var appendedBefore = await AppendedAsync(batch, cancellationToken).ConfigureAwait(false);
                    appendedBefore.Add(batch[(failed / 2) - 1].Id);
                    pending.RemoveAll(e => appendedBefore.Contains(e.Id));
                    continue;
                }

                // Another appender moved the counter first.
                if (++attempts >= maxAttempts)
                {
                    throw new InvalidOperationException($"The change feed counter stayed contended for {attempts} attempts.", ex);
                }

                await Task.Delay(Backoff(attempts), cancellationToken).ConfigureAwait(false);
            }
        }

        return appended;
    }

    /// <summary>The sequence of the last event in the feed (0 when empty): one point read.</summary>
    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(ChangesRowKeys.Partition, ChangesRowKeys.Head, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return head.HasValue && head.Value is not null ? FeedRows.ReadSequence(head.Value) : 0;
    }

    /// <summary>The ids of <paramref name="batch"/> that have an index row, that is, are in the feed.</summary>
    private async Task<HashSet<string>> AppendedAsync(List<FeedEvent> batch, CancellationToken cancellationToken)
    {
        var rowKeys = string.Join(" or ", batch.Select(e => TableClient.CreateQueryFilter($"RowKey eq {ChangesRowKeys.Index(e.Id)}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ChangesRowKeys.Partition}") + " and (" + rowKeys + ")";
        var found = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(entity.RowKey[ChangesRowKeys.IndexPrefix.Length..]);
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

    // Jittered, growing a little with contention; a lost race means another appender made progress.
#pragma warning disable CA5394 // Jitter, not security.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Random.Shared.Next(1, 5 + (5 * Math.Min(attempt, 10))));
#pragma warning restore CA5394
}
