using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Scanner.Storage.Tables;

/// <summary>The tables of the service (DESIGN.md section 5), named with the configured prefix.</summary>
public sealed class StorageTables
{
    public StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        Catalog = service.GetTableClient(value.CatalogTableName);
        AllowList = service.GetTableClient(value.AllowListTableName);
        Changes = service.GetTableClient(value.ChangesTableName);
        Subscribers = service.GetTableClient(value.SubscribersTableName);
        Unpublishable = service.GetTableClient(value.UnpublishableTableName);
    }

    /// <summary>Per repository: the state row (scan count, bookkeeping), version rows and outbox rows.</summary>
    public TableClient Catalog { get; }

    public TableClient AllowList { get; }

    /// <summary>The change feed: one partition with the counter row, feed rows and event-id index rows.</summary>
    public TableClient Changes { get; }

    public TableClient Subscribers { get; }

    /// <summary>Events a publisher refused for good, one row per destination and event id.</summary>
    public TableClient Unpublishable { get; }

    public IReadOnlyList<TableClient> All => [Catalog, AllowList, Changes, Subscribers, Unpublishable];

    /// <summary>Creates the tables that do not exist yet; safe to call on every start.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
            {
                throw StorageUnavailableException.While($"creating table {table.Name}", table.Uri, ex);
            }
        }
    }
}
