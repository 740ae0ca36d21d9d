using System.Net;
using Azure;
using Azure.Data.Tables;
using Scanner.Application.Relay;
using Scanner.Core.Repositories;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Outbox;

/// <summary>
/// The outbox rows of the <c>catalog</c> table (<see cref="OutboxRows"/>), read per repository or across repositories
/// by the row-key range they share, and deleted a transaction at a time.
/// </summary>
public sealed class TableOutbox : IOutbox
{
    private readonly TableClient table;

    public TableOutbox(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Catalog;
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {RepositoryKey.For(repository)} and RowKey ge {CatalogRowKeys.OutboxPrefix} and RowKey lt {CatalogRowKeys.OutboxUpperBound}");
        return QueryAsync(filter, $"reading the outbox of {repository}", cancellationToken);
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadWrittenBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey ge {CatalogRowKeys.OutboxPrefix} and RowKey lt {CatalogRowKeys.OutboxUpperBound} and Timestamp le {cutoff}");
        return QueryAsync(filter, "reading the outbox", cancellationToken);
    }

    public async Task<DateTimeOffset?> OldestAsync(CancellationToken cancellationToken = default)
    {
        // Tables cannot sort by time: every outbox row is read, but only its timestamp.
        var filter = TableClient.CreateQueryFilter($"RowKey ge {CatalogRowKeys.OutboxPrefix} and RowKey lt {CatalogRowKeys.OutboxUpperBound}");
        DateTimeOffset? oldest = null;
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["Timestamp"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (entity.Timestamp is { } written && (oldest is null || written < oldest))
                {
                    oldest = written;
                }
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("reading the age of the outbox", table.Uri, ex);
        }

        return oldest;
    }

    public async Task DeleteAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var deleted = 0;
        try
        {
            foreach (var partition in entries.GroupBy(e => RepositoryKey.For(e.Repository), StringComparer.Ordinal))
            {
                foreach (var chunk in partition.DistinctBy(e => e.Key, StringComparer.Ordinal).Chunk(TransactionBatcher.MaxActions))
                {
                    await DeleteChunkAsync(partition.Key, chunk, cancellationToken).ConfigureAwait(false);
                    deleted += chunk.Length;
                }
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While(
                $"deleting outbox entries ({deleted} of {entries.Count} deleted; deleting them again is harmless)", table.Uri, ex);
        }
    }

    private async Task DeleteChunkAsync(string partitionKey, OutboxEntry[] chunk, CancellationToken cancellationToken)
    {
        var actions = chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, e.Key), ETag.All));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            // Some were deleted already (another relay, or this one before a crash): delete the rest one by one,
            // where the SDK answers a missing row with its 404 instead of throwing.
            foreach (var entry in chunk)
            {
                using var response = await table.DeleteEntityAsync(partitionKey, entry.Key, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<OutboxEntry>> QueryAsync(string filter, string operation, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                rows.Add(entity);
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While(operation, table.Uri, ex);
        }

        return OutboxRows.ToEntries(rows);
    }
}
