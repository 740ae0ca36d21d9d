using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Storage.Extensions;
using Scanner.Storage.Publishing;
using Scanner.Storage.Tests.Support;

namespace Scanner.Storage.Tests.Extensions;

public class AddScannerStorageTests
{
    [Fact]
    public void Every_storage_port_and_the_null_publisher_are_registered()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.NotNull(provider.GetRequiredService<ICatalogStore>());
        Assert.NotNull(provider.GetRequiredService<IAllowListStore>());
        Assert.NotNull(provider.GetRequiredService<IChangeFeed>());
        Assert.NotNull(provider.GetRequiredService<IOutboxRelay>());
        Assert.NotNull(provider.GetRequiredService<ICatalogSnapshotSource>());
        Assert.IsType<NullChangePublisher>(provider.GetRequiredService<IChangePublisher>());
    }

    [Fact]
    public void A_publisher_registered_by_another_module_is_kept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IChangePublisher, RecordingPublisher>();
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }, services);

        Assert.IsType<RecordingPublisher>(provider.GetRequiredService<IChangePublisher>());
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData(
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:41234/devstoreaccount1;",
        "http://127.0.0.1:41234/devstoreaccount1")]
    public void Connection_strings_point_the_client_at_their_table_endpoint(string connectionString, string endpoint)
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = connectionString });

        var client = provider.GetRequiredService<TableServiceClient>();
        Assert.Equal(endpoint, client.Uri.ToString().TrimEnd('/'));
        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    [Fact]
    public void An_account_name_means_a_managed_identity_on_the_public_table_endpoint()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage:accountName"] = "scannerprod" });

        var client = provider.GetRequiredService<TableServiceClient>();
        Assert.Equal("https://scannerprod.table.core.windows.net/", client.Uri.ToString());
    }

    [Fact]
    public void Missing_configuration_fails_with_what_to_set()
    {
        using var provider = Build([]);

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<TableServiceClient>());
        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, ServiceCollection? services = null)
    {
        services ??= [];
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddScannerStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
