using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scanner.Functions.Functions;
using Scanner.Functions.Hosting;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Package;
using Scanner.Infra.Tests.Repository;
using Scanner.Messaging.Extensions;
using Scanner.Messaging.ServiceBus;
using Scanner.Registry;
using Scanner.Registry.Extensions;
using Scanner.Storage.Extensions;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// Every app setting the Bicep gives the function app is a name the scanner (or the Functions host) reads, proven by
/// handing it to the code that reads it: a misspelt setting is silently ignored in Azure, so it is caught here.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class AppSettingNameTests(InfraFixture infra, PackageFixture build)
{
    // AllowListSeeder reads this section by name and exposes no constant for it.
    private const string AllowListSection = "Scanner:AllowList";

    private static readonly string StorageAccountSetting = StorageConnection.SettingName + "__accountName";
    private static readonly string ServiceBusNamespaceSetting = ServiceBusConnectionSetting.Name + "__fullyQualifiedNamespace";
    private static readonly string ScanScheduleSetting = AppSettingConfiguration.SettingNameOf(FunctionCatalog.ScanScheduleSetting);
    private static readonly string PreferredPlatformSetting = RegistryOptions.SectionName + "__" + nameof(RegistryOptions.PreferredPlatform);
    private static readonly string AllowListSettings = AppSettingConfiguration.SettingNameOf(AllowListSection) + "__N";

    // Read by the Functions host only: it sends the host's and the handler's logs to Application Insights.
    private static readonly string[] SettingsTheHostReads = ["APPLICATIONINSIGHTS_CONNECTION_STRING"];

    [Fact]
    public void Every_app_setting_is_read_by_the_scanner_or_the_functions_host()
    {
        var set = infra.AppSettings.Keys.Select(name => AllowListIndex().Replace(name, "__N")).Distinct();
        string[] read = [StorageAccountSetting, ServiceBusNamespaceSetting, ScanScheduleSetting, PreferredPlatformSetting, AllowListSettings, .. SettingsTheHostReads];

        Assert.Equal(read.Order(StringComparer.Ordinal), set.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Storage_account_setting_is_the_account_both_table_clients_connect_to()
    {
        var account = infra.Deployment.Single("Microsoft.Storage/storageAccounts").Name;
        var configuration = AppSettingConfiguration.From(StorageAccountSetting, infra.AppSettings[StorageAccountSetting]);

        var catalogTables = StorageConnection.CreateClient(configuration, new TableClientOptions());
        var subscriberTables = TableServiceConnection.Create(configuration);

        Assert.Equal(account, catalogTables.AccountName);
        Assert.Equal($"{account}.table.core.windows.net", catalogTables.Uri.Host);
        Assert.Equal($"{account}.table.core.windows.net", subscriberTables.Uri.Host);
    }

    [Fact]
    public async Task Service_bus_namespace_setting_is_where_the_scanner_sends_with_its_identity()
    {
        Assert.True(infra.AppSettings.ContainsKey(ServiceBusNamespaceSetting), string.Join(", ", infra.AppSettings.Keys));
        // The value is a reference ARM resolves at deployment; the shape the serviceBus module outputs stands in for it.
        var configuration = AppSettingConfiguration.From(ServiceBusNamespaceSetting, "extscan-bus-abc.servicebus.windows.net");

        await using var provider = new ServiceCollection().AddScannerServiceBus(configuration).BuildServiceProvider();

        Assert.Equal("extscan-bus-abc.servicebus.windows.net", provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public void Service_bus_triggers_name_the_connection_the_bicep_configures()
    {
        // The host's Service Bus extension resolves connection "X" from X__fullyQualifiedNamespace.
        var connections = FunctionJsonBindings().Where(binding => binding.GetProperty("type").GetString() == "serviceBusTrigger")
            .Select(binding => binding.GetProperty("connection").GetString()!).ToList();

        Assert.NotEmpty(connections);
        Assert.All(connections, connection => Assert.Contains(connection + "__fullyQualifiedNamespace", infra.AppSettings.Keys));
    }

    [Fact]
    public void Every_setting_a_binding_names_with_percent_signs_is_set_by_the_bicep()
    {
        // An unresolved %name% stops the host from loading the function.
        var referenced = FunctionJsonBindings().SelectMany(binding => binding.EnumerateObject())
            .Where(property => property.Value.ValueKind == JsonValueKind.String)
            .SelectMany(property => PercentReference().Matches(property.Value.GetString()!).Select(match => match.Groups[1].Value))
            .ToList();

        Assert.Contains(FunctionCatalog.ScanScheduleSetting, referenced);
        Assert.All(referenced, key => Assert.Contains(AppSettingConfiguration.SettingNameOf(key), infra.AppSettings.Keys));
    }

    [Fact]
    public void Preferred_platform_setting_binds_the_registry_options()
    {
        Assert.Contains(PreferredPlatformSetting, infra.AppSettings.Keys);
        using var services = new ServiceCollection()
            .AddScannerRegistry(AppSettingConfiguration.From(PreferredPlatformSetting, "linux/arm64"))
            .BuildServiceProvider();

        Assert.Equal("linux/arm64", services.GetRequiredService<IOptions<RegistryOptions>>().Value.PreferredPlatform);
    }

    [Fact]
    public void Allow_list_settings_list_the_allow_list_parameter_in_order_under_the_section_the_seeder_reads()
    {
        var seederReads = RepositoryFiles.SourceFiles().Any(file => File.ReadAllText(file).Contains($"\"{AllowListSection}\"", StringComparison.Ordinal));
        Assert.True(seederReads, $"No source file under src/ reads \"{AllowListSection}\".");

        var configuration = AppSettingConfiguration.From(infra.AppSettings);
        var seeded = configuration.GetSection(AllowListSection).GetChildren().Select(child => child.Value);
        var parameter = infra.ExampleParameters.GetProperty("allowList").GetProperty("value").EnumerateArray().Select(entry => entry.GetString());

        Assert.Equal(parameter, seeded);
    }

    [Fact]
    public void Runtime_is_custom_through_function_app_config_and_the_host_owns_the_handler_port()
    {
        // Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings; the host
        // picks the handler's port itself and passes it in FUNCTIONS_CUSTOMHANDLER_PORT.
        var site = infra.Deployment.Single("Microsoft.Web/sites");

        Assert.Equal("custom", site.Text("properties.functionAppConfig.runtime.name"));
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", infra.AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", infra.AppSettings.Keys);
        Assert.DoesNotContain(ScannerApp.CustomHandlerPortVariable, infra.AppSettings.Keys);
    }

    private IEnumerable<JsonElement> FunctionJsonBindings() =>
        FunctionCatalog.All.SelectMany(function => build.Package.Json($"{function.Name}/function.json").GetProperty("bindings").EnumerateArray());

    [GeneratedRegex(@"__\d+$")]
    private static partial Regex AllowListIndex();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentReference();
}
