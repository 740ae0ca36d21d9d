using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Health;
using Scanner.Application.Queues;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Storage.Extensions;

namespace Scanner.Storage.Tests.Extensions;

public class AddScannerStorageTests
{
    [Fact]
    public void Every_storage_port_is_registered_once_with_one_client_per_service()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Type[] ports =
        [
            typeof(ICatalogStore), typeof(IScanStateStore), typeof(IAllowListStore), typeof(IOutbox), typeof(IChangeFeedWriter),
            typeof(IChangeFeed), typeof(ICatalogSnapshotSource), typeof(IUnpublishableEventLog), typeof(IStorageProbe),
            typeof(ISubscriberStore), typeof(IScanRequestQueue), typeof(ISubscriberDeliveryQueue), typeof(IPoisonQueues),
        ];
        Assert.All(ports, port => Assert.Single(provider.GetServices(port)));
        Assert.Single(provider.GetServices<TableServiceClient>());
        Assert.Single(provider.GetServices<QueueServiceClient>());
        Assert.Single(provider.GetServices<IHostedService>(), h => h is StorageInitializer);
    }

    [Fact]
    public void Development_storage_is_Azurite_on_its_default_ports_for_tables_and_queues()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", provider.GetRequiredService<TableServiceClient>().Uri.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", provider.GetRequiredService<QueueServiceClient>().Uri.ToString().TrimEnd('/'));
    }

    [Fact]
    public void A_connection_string_points_each_client_at_its_endpoint()
    {
        const string ConnectionString =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "TableEndpoint=http://127.0.0.1:41234/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41233/devstoreaccount1;";
        using var provider = Build(new() { ["AzureWebJobsStorage"] = ConnectionString });

        var tables = provider.GetRequiredService<TableServiceClient>();
        Assert.Equal("http://127.0.0.1:41234/devstoreaccount1", tables.Uri.ToString().TrimEnd('/'));
        Assert.Equal("devstoreaccount1", tables.AccountName);
        Assert.Equal("http://127.0.0.1:41233/devstoreaccount1", provider.GetRequiredService<QueueServiceClient>().Uri.ToString().TrimEnd('/'));
    }

    [Fact]
    public void An_account_name_means_a_managed_identity_on_the_public_endpoints()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:accountName"] = "scannerprod", ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001" });

        Assert.Equal("https://scannerprod.table.core.windows.net/", provider.GetRequiredService<TableServiceClient>().Uri.ToString());
        Assert.Equal("https://scannerprod.queue.core.windows.net/", provider.GetRequiredService<QueueServiceClient>().Uri.ToString());
    }

    [Fact]
    public void Service_uris_name_each_endpoint()
    {
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.net/",
        });

        Assert.Equal("https://tables.example.net/", provider.GetRequiredService<TableServiceClient>().Uri.ToString());
        Assert.Equal("https://queues.example.net/", provider.GetRequiredService<QueueServiceClient>().Uri.ToString());
    }

    [Theory]
    [InlineData(null, "AzureWebJobsStorage__accountName")]
    [InlineData("https://tables.example.net/", "AzureWebJobsStorage__queueServiceUri")]
    public void Missing_configuration_fails_with_what_to_set(string? tableServiceUri, string hint)
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:tableServiceUri"] = tableServiceUri });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TableServiceClient>());
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TablePrefix", "1abc")]
    [InlineData("TablePrefix", "a-b")]
    [InlineData("QueuePrefix", "Upper")]
    [InlineData("QueuePrefix", "a-b")]
    public void A_prefix_the_service_would_refuse_fails_at_start(string setting, string prefix)
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", [StorageOptions.SectionName + ":" + setting] = prefix });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddScannerStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
