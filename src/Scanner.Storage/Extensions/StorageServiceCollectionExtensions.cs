using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Health;
using Scanner.Application.Queues;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Storage.Accounting;
using Scanner.Storage.AllowList;
using Scanner.Storage.Catalog;
using Scanner.Storage.Feed;
using Scanner.Storage.Health;
using Scanner.Storage.Outbox;
using Scanner.Storage.Queues;
using Scanner.Storage.Scanning;
using Scanner.Storage.Snapshot;
using Scanner.Storage.Subscribers;
using Scanner.Storage.Tables;
using Scanner.Storage.Unpublishable;

namespace Scanner.Storage.Extensions;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the storage account of <c>AzureWebJobsStorage</c> once (<see cref="StorageConnection"/>: one
    /// <see cref="TableServiceClient"/>, one <see cref="QueueServiceClient"/>, the SDK retry policy), the tables and
    /// queues (<see cref="StorageTables"/>, <see cref="StorageQueues"/>) with their creation on start, a
    /// <see cref="TableOperationCounter"/>, and the adapter of every storage port. Settings come from
    /// <c>Scanner:Storage</c> (<see cref="StorageOptions"/>); the account is read when a client is first resolved, so
    /// registering costs nothing where storage is not used.
    /// </summary>
    public static IServiceCollection AddScannerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Configure(options =>
            {
                var section = configuration.GetSection(StorageOptions.SectionName);
                options.TablePrefix = section[nameof(StorageOptions.TablePrefix)] ?? options.TablePrefix;
                options.QueuePrefix = section[nameof(StorageOptions.QueuePrefix)] ?? options.QueuePrefix;
            })
            .Validate(o => StorageOptions.IsValidTablePrefix(o.TablePrefix), "Scanner:Storage:TablePrefix must be up to 40 letters and digits, starting with a letter.")
            .Validate(o => StorageOptions.IsValidQueuePrefix(o.QueuePrefix), "Scanner:Storage:QueuePrefix must be up to 32 lower-case letters and digits.");
        services.AddOptions<StorageClientOptions>();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton<TableOperationCounter>();
        services.TryAddSingleton(provider => provider.GetRequiredService<StorageConnection>().CreateTableServiceClient(
        [
            new StoragePipelinePolicy(provider.GetRequiredService<TableOperationCounter>(), HttpPipelinePosition.PerRetry),
            .. provider.GetRequiredService<IOptions<StorageClientOptions>>().Value.TablePolicies,
        ]));
        services.TryAddSingleton(provider => provider.GetRequiredService<StorageConnection>().CreateQueueServiceClient(
            provider.GetRequiredService<IOptions<StorageClientOptions>>().Value.QueuePolicies));
        services.TryAddSingleton<StorageTables>();
        services.TryAddSingleton<StorageQueues>();
        services.AddHostedService<StorageInitializer>();

        services.TryAddSingleton<TableCatalogStore>();
        services.TryAddSingleton<ICatalogStore>(provider => provider.GetRequiredService<TableCatalogStore>());
        services.TryAddSingleton<IScanStateStore, TableScanStateStore>();
        services.TryAddSingleton<IAllowListStore, TableAllowListStore>();
        services.TryAddSingleton<IOutbox, TableOutbox>();
        services.TryAddSingleton<TableChangeFeedWriter>();
        services.TryAddSingleton<IChangeFeedWriter>(provider => provider.GetRequiredService<TableChangeFeedWriter>());
        services.TryAddSingleton<TableChangeFeed>();
        services.TryAddSingleton<IChangeFeed>(provider => provider.GetRequiredService<TableChangeFeed>());
        services.TryAddSingleton<ICatalogSnapshotSource, TableCatalogSnapshotSource>();
        services.TryAddSingleton<IUnpublishableEventLog, TableUnpublishableEventLog>();
        services.TryAddSingleton<IStorageProbe, TableStorageProbe>();
        services.TryAddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.TryAddSingleton<IScanRequestQueue, StorageScanRequestQueue>();
        services.TryAddSingleton<ISubscriberDeliveryQueue, StorageSubscriberDeliveryQueue>();
        services.TryAddSingleton<IPoisonQueues, StoragePoisonQueues>();
        return services;
    }
}
