using System.Text.RegularExpressions;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Package;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// The settings the template gives the app and the settings the app reads are the same names: a misspelt setting is
/// silently ignored in Azure, and a missing one fails at start or, worse, falls back to a default. What the app reads
/// is found in its sources under src/ and in the package's functions.metadata, not in its types.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class AppSettingNameTests(InfraFixture infra, PackageFixture build)
{
    // Read by the Functions host itself, whatever the app's code does.
    private static readonly Dictionary<string, string> SettingsTheHostReads = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage__accountName"] = "identity-based host storage: keys, timer schedules, queue triggers",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "the host's logs and requests",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Entra-authenticated ingestion (the component refuses keys)",
    };

    // Settings of DESIGN.md section 8 that the template leaves out on purpose, by the start of their name.
    private static readonly Dictionary<string, string> SettingsNotSetInAzure = new(StringComparer.Ordinal)
    {
        ["Scanner__ApiKeys__"] = "standalone mode only: in Azure the Functions host checks function and admin keys",
        ["Scanner__Registries__"] = "per-registry options and credentials are the operator's (a password through a Key Vault reference); public registries need none",
        ["Scanner__ScanTimeout"] = "the code's default, below host.json's functionTimeout",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "Azure exports to Application Insights",
        ["ASPNETCORE_URLS"] = "standalone listen address: in Azure the Functions host owns the port",
    };

    [Fact]
    public void Every_app_setting_is_read_by_the_app_or_by_the_functions_host()
    {
        var source = ConfigurationReadsInSource.OfRepository();

        var unread = SetNames().Where(name => !SettingsTheHostReads.ContainsKey(name) && !IsReadByTheApp(source, name)).ToList();

        Assert.True(unread.Count == 0, $"Set by the template, read by nothing under src/: {string.Join(", ", unread)}");
    }

    [Fact]
    public void Every_setting_of_the_design_is_set_by_the_template_or_left_out_for_a_stated_reason()
    {
        var set = SetNames().ToHashSet(StringComparer.Ordinal);

        var missing = DesignConfigurationTable.Read()
            .Where(name => !set.Contains(name)
                && !set.Any(setName => AppSettingName.ConnectionOf(setName) == name)
                && !SettingsNotSetInAzure.Keys.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0, $"DESIGN.md section 8 names settings the template neither sets nor leaves out for a reason: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Storage_and_service_bus_are_reached_through_identity_based_connections_the_app_names()
    {
        var source = ConfigurationReadsInSource.OfRepository();

        foreach (var name in new[] { "AzureWebJobsStorage__accountName", "ServiceBusConnection__fullyQualifiedNamespace" })
        {
            Assert.Contains(name, infra.AppSettings.Keys);
            Assert.True(source.HasLiteral(AppSettingName.ConnectionOf(name)!), $"No source under src/ names the connection of {name}.");
            Assert.DoesNotContain(AppSettingName.ConnectionOf(name)!, infra.AppSettings.Keys);
        }
    }

    [Fact]
    public void Every_setting_a_binding_names_with_percent_signs_is_set_by_the_template()
    {
        // An unresolved %name% stops the host from loading the function.
        var referenced = build.Package.Functions.SelectMany(function => function.Bindings).SelectMany(binding => binding.EnumerateObject())
            .Where(property => property.Value.ValueKind == System.Text.Json.JsonValueKind.String)
            .SelectMany(property => PercentReference().Matches(property.Value.GetString()!).Select(match => match.Groups[1].Value))
            .ToList();

        Assert.Contains("Scanner:ScanSchedule", referenced);
        Assert.All(referenced, key => Assert.Contains(AppSettingName.SettingNameOf(key), infra.AppSettings.Keys));
    }

    [Fact]
    public void Queue_triggers_connect_to_storage_through_the_identity_based_setting()
    {
        // The Storage Queues extension resolves connection "X" from X__accountName (or X__queueServiceUri).
        var connections = build.Package.Functions.Where(function => function.TriggerType == "queueTrigger")
            .Select(function => function.TriggerProperty("connection") ?? "AzureWebJobsStorage").Distinct().ToList();

        Assert.NotEmpty(connections);
        Assert.All(connections, connection => Assert.True(
            infra.AppSettings.ContainsKey(connection + "__accountName") || infra.AppSettings.ContainsKey(connection + "__queueServiceUri"),
            $"Queue triggers read connection '{connection}', which the template does not set."));
    }

    [Fact]
    public void Allow_list_settings_list_the_allow_list_parameter_in_order()
    {
        var parameter = infra.ExampleParameters.GetProperty("allowList").GetProperty("value").EnumerateArray().Select(entry => entry.GetString()).ToList();

        var seeded = Enumerable.Range(0, infra.AppSettings.Keys.Count(name => name.StartsWith("Scanner__AllowList__", StringComparison.Ordinal)))
            .Select(index => infra.AppSettings[$"Scanner__AllowList__{index}"]);

        Assert.NotEmpty(parameter);
        Assert.Equal(parameter, seeded);
    }

    [Fact]
    public void Runtime_comes_from_function_app_config_not_from_app_settings()
    {
        // Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION as app settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", infra.AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", infra.AppSettings.Keys);
        Assert.DoesNotContain("FUNCTIONS_CUSTOMHANDLER_PORT", infra.AppSettings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", infra.AppSettings.Keys);
    }

    private IEnumerable<string> SetNames() => infra.AppSettings.Keys.Select(AppSettingName.WithIndicesAsN).Distinct(StringComparer.Ordinal);

    private static bool IsReadByTheApp(ConfigurationReadsInSource source, string name) =>
        AppSettingName.ConnectionOf(name) is { } connection
            ? source.HasLiteral(connection)
            : source.Reads(AppSettingName.ConfigurationKeyOf(name));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentReference();
}
