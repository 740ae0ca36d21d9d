using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Scanner.Storage.Tables;

/// <summary>The three tables of the service (DESIGN.md section 5), named with the configured prefix.</summary>
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
    }

    /// <summary>Per repository: the state row, version rows and outbox rows.</summary>
    public TableClient Catalog { get; }

    public TableClient AllowList { get; }

    /// <summary>The change feed: one partition with the counter row, feed rows and event-id index rows.</summary>
    public TableClient Changes { get; }

    /// <summary>Creates the tables that do not exist yet; safe to call on every start.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Catalog.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await AllowList.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await Changes.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StorageUnavailableException.IsUnreachable(e))
        {
            throw new StorageUnavailableException(
                $"Table Storage at {Catalog.Uri.GetLeftPart(UriPartial.Authority)} does not answer. Check AzureWebJobsStorage " +
                "(UseDevelopmentStorage=true needs Azurite on 127.0.0.1:10002).",
                e);
        }
    }
}
