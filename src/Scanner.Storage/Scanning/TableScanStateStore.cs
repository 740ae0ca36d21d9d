using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Scanner.Application.Scanning;
using Scanner.Core.Repositories;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Scanning;

/// <summary>
/// The scan bookkeeping of each repository's state row in <c>catalog</c> (<see cref="ScanStateRows"/>). A write is a
/// MERGE with <c>If-Match</c> on the ETag read (or an insert when there was no row), so it leaves the commit's
/// properties alone and loses, returning null, to any other write of the row since, bookkeeping or commit alike.
/// </summary>
public sealed class TableScanStateStore : IScanStateStore
{
    private readonly TableClient table;

    public TableScanStateStore(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Catalog;
    }

    public async Task<StoredScanState> ReadAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(RepositoryKey.For(repository), CatalogRowKeys.State, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return row.HasValue && row.Value is not null
                ? ScanStateRows.FromEntity(row.Value)
                : new StoredScanState(repository, ScanBookkeeping.None, ETag: null);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"reading the scan state of {repository}", table.Uri, ex);
        }
    }

    public async Task<StoredScanState?> TryWriteAsync(StoredScanState current, ScanBookkeeping bookkeeping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(bookkeeping);
        var entity = ScanStateRows.ToEntity(current.Repository, bookkeeping);
        try
        {
            var response = current.ETag is { } etag
                ? await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false)
                : await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            var written = response.Headers.ETag ?? throw new InvalidOperationException("The Table service returned no ETag for the state row.");
            return new StoredScanState(current.Repository, bookkeeping, written.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound
                                                && !IsMissingTable(ex))
        {
            // 412: the row moved since it was read; 409: it was created since; 404: it went away. Someone else won.
            return null;
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"writing the scan state of {current.Repository}", table.Uri, ex);
        }
    }

    public async Task<IReadOnlyList<StoredScanState>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Across partitions, state rows only: the row key picks them out of the version and outbox rows.
        var filter = TableClient.CreateQueryFilter($"RowKey eq {CatalogRowKeys.State}");
        var states = new List<StoredScanState>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                states.Add(ScanStateRows.FromEntity(entity));
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("listing the scan states", table.Uri, ex);
        }

        return states;
    }

    private static bool IsMissingTable(RequestFailedException ex) =>
        string.Equals(ex.ErrorCode, TableErrorCode.TableNotFound.ToString(), StringComparison.Ordinal);
}
