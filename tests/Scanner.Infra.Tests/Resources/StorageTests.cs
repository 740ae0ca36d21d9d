using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Package;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Resources;

[Collection(InfraCollection.Name)]
public sealed class StorageTests(InfraFixture infra, PackageFixture build)
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";

    // DESIGN.md section 5.
    private static readonly string[] ScannerTables = ["catalog", "allowlist", "changes", "subscribers"];

    [Fact]
    public void Storage_account_is_StorageV2_with_TLS_1_2_minimum_and_https_only()
    {
        var account = infra.Template.Single(StorageAccounts);

        Assert.Equal("StorageV2", account.Text("kind"));
        Assert.Equal("TLS1_2", account.Text("properties.minimumTlsVersion"));
        Assert.True(account.At("properties.supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public void Storage_account_allows_no_public_blob_access_and_no_shared_key_access()
    {
        var account = infra.Template.Single(StorageAccounts);

        Assert.False(account.At("properties.allowBlobPublicAccess").GetBoolean());
        Assert.False(account.At("properties.allowSharedKeyAccess").GetBoolean());
        Assert.True(account.At("properties.defaultToOAuthAuthentication").GetBoolean());
    }

    [Fact]
    public void Storage_account_holds_the_scanner_tables()
    {
        var account = infra.Deployment.Single(StorageAccounts);

        var tables = infra.Deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal(
            ScannerTables.Select(table => $"{account.Name}/default/{table}").Order(),
            tables.Select(table => table.Name).Order());
    }

    [Fact]
    public void Storage_account_holds_a_private_blob_container_for_the_app_package()
    {
        var account = infra.Deployment.Single(StorageAccounts);

        var container = infra.Deployment.Single("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.StartsWith(account.Id + "/blobServices/default/containers/", container.Id, StringComparison.Ordinal);
        Assert.Equal("None", container.Text("properties.publicAccess"));
    }

    [Fact]
    public void Storage_account_holds_the_queues_of_the_queue_triggers_of_the_design()
    {
        var designQueues = DesignFunctionTable.Read().Select(function => function.QueueName).OfType<string>().ToList();

        Assert.NotEmpty(designQueues);
        Assert.Equal(designQueues.Order(StringComparer.Ordinal), DeclaredQueues().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Queue_triggers_of_the_package_read_exactly_the_queues_the_template_declares()
    {
        var triggered = build.Package.Functions.Where(function => function.TriggerType == "queueTrigger")
            .Select(function => function.TriggerProperty("queueName")!).Distinct();

        Assert.Equal(DeclaredQueues().Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
    }

    private List<string> DeclaredQueues()
    {
        var account = infra.Deployment.Single(StorageAccounts);
        var queues = infra.Deployment.OfType("Microsoft.Storage/storageAccounts/queueServices/queues");

        Assert.All(queues, queue => Assert.StartsWith(account.Id + "/queueServices/default/queues/", queue.Id, StringComparison.Ordinal));
        return queues.Select(queue => queue.Name.Split('/')[^1]).ToList();
    }
}
