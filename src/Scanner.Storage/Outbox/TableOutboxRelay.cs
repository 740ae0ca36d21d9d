using System.Net;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Storage.Feed;
using Scanner.Storage.Keys;
using Scanner.Storage.Steps;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Outbox;

/// <summary>
/// Moves outbox rows to the change feed, then to the publisher, then deletes them. Each step is idempotent, so running
/// the relay again after a crash at any point yields every event in the feed exactly once: the feed skips events
/// already appended (index rows), the publisher deduplicates by event id, and deleting a deleted row is a no-op.
/// </summary>
public sealed partial class TableOutboxRelay : IOutboxRelay
{
    private readonly TableClient catalog;
    private readonly FeedAppender appender;
    private readonly IChangePublisher publisher;
    private readonly IStorageStepHook stepHook;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TableOutboxRelay> logger;

    public TableOutboxRelay(
        StorageTables tables,
        FeedAppender appender,
        IChangePublisher publisher,
        IStorageStepHook stepHook,
        TimeProvider timeProvider,
        ILogger<TableOutboxRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        catalog = tables.Catalog;
        this.appender = appender;
        this.publisher = publisher;
        this.stepHook = stepHook;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public async Task<int> RelayAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        var partitionKey = RepositoryKey.For(repository);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {CatalogRowKeys.OutboxPrefix} and RowKey lt {CatalogRowKeys.OutboxUpperBound}");
        var rows = await ReadAsync(filter, cancellationToken).ConfigureAwait(false);
        return await RelayRowsAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RelayStaleAsync(TimeSpan minimumAge, CancellationToken cancellationToken = default)
    {
        // Outbox rows of every partition by row-key range; only those written before the cutoff.
        var cutoff = timeProvider.GetUtcNow() - minimumAge;
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {CatalogRowKeys.OutboxPrefix} and RowKey lt {CatalogRowKeys.OutboxUpperBound} and Timestamp le {cutoff}");
        var rows = await ReadAsync(filter, cancellationToken).ConfigureAwait(false);
        var relayed = 0;
        foreach (var partition in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            relayed += await RelayRowsAsync([.. partition], cancellationToken).ConfigureAwait(false);
        }

        if (relayed > 0)
        {
            LogRelayedStale(relayed);
        }

        return relayed;
    }

    private async Task<List<OutboxRow>> ReadAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<OutboxRow>();
        await foreach (var entity in catalog.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(OutboxRows.FromEntity(entity));
        }

        return rows;
    }

    // Two full feed transactions per chunk, and the chunk's deletes fit one transaction.
    private const int EventsPerChunk = 2 * FeedAppender.MaxEventsPerTransaction;

    /// <summary>Relays rows of one partition in commit order, a transaction's worth of deletes at a time.</summary>
    private async Task<int> RelayRowsAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var ordered = rows.OrderBy(r => r.Order, StringComparer.Ordinal).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var relayed = 0;
        foreach (var chunk in ordered.Chunk(EventsPerChunk))
        {
            await appender.AppendAsync([.. chunk.Select(r => FeedEvent.From(r.Event, r.Json))], cancellationToken).ConfigureAwait(false);
            await stepHook.AfterStepAsync(StorageSteps.RelayAppended, cancellationToken).ConfigureAwait(false);

            // Everything in the chunk is published, appended now or earlier: a crash may have come between the
            // append and the publish, and the publisher deduplicates by id. Unpublishable events are not yet reported.
            _ = await publisher.PublishAsync([.. chunk.Select(r => r.Event)], cancellationToken).ConfigureAwait(false);
            await stepHook.AfterStepAsync(StorageSteps.RelayPublished, cancellationToken).ConfigureAwait(false);

            await DeleteAsync(chunk, cancellationToken).ConfigureAwait(false);
            await stepHook.AfterStepAsync(StorageSteps.RelayDeleted, cancellationToken).ConfigureAwait(false);
            relayed += chunk.Length;
        }

        return relayed;
    }

    private async Task DeleteAsync(OutboxRow[] rows, CancellationToken cancellationToken)
    {
        var actions = rows.Select(r => new TableTransactionAction(
            TableTransactionActionType.Delete, new TableEntity(r.PartitionKey, r.RowKey), ETag.All));
        try
        {
            await catalog.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Another relay deleted some of them already; delete the rest one by one.
            foreach (var row in rows)
            {
                await catalog.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relayed {Count} outbox events left behind by an interrupted relay")]
    private partial void LogRelayedStale(int count);
}
