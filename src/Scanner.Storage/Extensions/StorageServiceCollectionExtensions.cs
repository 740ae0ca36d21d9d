using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Storage.Accounting;
using Scanner.Storage.AllowList;
using Scanner.Storage.Catalog;
using Scanner.Storage.Feed;
using Scanner.Storage.Outbox;
using Scanner.Storage.Publishing;
using Scanner.Storage.Snapshot;
using Scanner.Storage.Steps;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Extensions;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Table Storage adapters of every storage port, the table client from <c>AzureWebJobsStorage</c>, the
    /// table creation on start, a <see cref="TableOperationCounter"/>, and <see cref="NullChangePublisher"/> unless
    /// an <see cref="IChangePublisher"/> is registered already (register the real one before or after: TryAdd).
    /// </summary>
    public static IServiceCollection AddScannerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions();
        services.Configure<StorageOptions>(options =>
        {
            var section = configuration.GetSection(StorageOptions.SectionName);
            if (section["TablePrefix"] is { } prefix)
            {
                options.TablePrefix = prefix;
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TableOperationCounter>();
        services.TryAddSingleton(provider =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(provider.GetRequiredService<TableOperationCounter>(), HttpPipelinePosition.PerRetry);
            return StorageConnection.CreateClient(configuration, options);
        });
        services.TryAddSingleton(provider => new StorageTables(
            provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<IOptions<StorageOptions>>()));
        services.TryAddSingleton<IStorageStepHook, NoStorageStepHook>();
        services.TryAddSingleton<IChangePublisher, NullChangePublisher>();
        services.TryAddSingleton<FeedAppender>();
        services.TryAddSingleton<TableChangeFeed>();
        services.TryAddSingleton<TableCatalogStore>();
        services.TryAddSingleton<ICatalogStore>(provider => provider.GetRequiredService<TableCatalogStore>());
        services.TryAddSingleton<IAllowListStore, TableAllowListStore>();
        services.TryAddSingleton<IChangeFeed>(provider => provider.GetRequiredService<TableChangeFeed>());
        services.TryAddSingleton<IOutboxRelay, TableOutboxRelay>();
        services.TryAddSingleton<ICatalogSnapshotSource, TableCatalogSnapshotSource>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
