using System.Text.Json;
using Scanner.Infra.Tests.Bicep;

namespace Scanner.Infra.Tests.Resources;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(InfraFixture infra)
{
    private const string Sites = "Microsoft.Web/sites";

    [Fact]
    public void Plan_is_Flex_Consumption_FC1_on_Linux()
    {
        var plan = infra.Template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Text("sku.name"));
        Assert.Equal("FlexConsumption", plan.Text("sku.tier"));
        Assert.True(plan.At("properties.reserved").GetBoolean());
    }

    [Fact]
    public void App_is_a_Linux_function_app_with_a_system_assigned_identity()
    {
        var app = infra.Template.Single(Sites);

        Assert.Equal("functionapp,linux", app.Text("kind"));
        Assert.Equal("SystemAssigned", app.Text("identity.type"));
    }

    [Fact]
    public void App_runs_the_dotnet_isolated_runtime_10_0()
    {
        var app = infra.Template.Single(Sites);

        Assert.Equal("dotnet-isolated", app.Text("properties.functionAppConfig.runtime.name"));
        // Not "10": ARM accepts it, but the host then fails at start (Azure/Azure-Functions#2666).
        Assert.Equal("10.0", app.Text("properties.functionAppConfig.runtime.version"));
    }

    [Fact]
    public void App_serves_https_only_with_TLS_1_2_minimum()
    {
        var app = infra.Template.Single(Sites);

        Assert.True(app.At("properties.httpsOnly").GetBoolean());
        Assert.Equal("1.2", app.Text("properties.siteConfig.minTlsVersion"));
    }

    [Fact]
    public void App_instance_count_is_capped_by_default_at_forty_instances_of_2048_MB()
    {
        Assert.Equal(40, infra.Template.Parameter("maximumInstanceCount").GetProperty("defaultValue").GetInt32());
        Assert.Equal(2048, infra.Template.Parameter("instanceMemoryMB").GetProperty("defaultValue").GetInt32());

        var scale = Site().At("properties.functionAppConfig.scaleAndConcurrency");
        Assert.Equal(ExampleParameter("maximumInstanceCount").GetInt32(), scale.GetProperty("maximumInstanceCount").GetInt32());
        Assert.Equal(ExampleParameter("instanceMemoryMB").GetInt32(), scale.GetProperty("instanceMemoryMB").GetInt32());
    }

    [Fact]
    public void App_is_deployed_from_the_storage_container_with_its_own_identity()
    {
        var account = infra.Deployment.Single("Microsoft.Storage/storageAccounts");
        var container = infra.Deployment.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        var storage = Site().At("properties.functionAppConfig.deployment.storage");

        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("SystemAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        var url = storage.GetProperty("value").GetString()!;
        Assert.Contains($"reference('{account.Id}', ", url, StringComparison.Ordinal);
        Assert.Contains(".primaryEndpoints.blob", url, StringComparison.Ordinal);
        Assert.EndsWith($"'{container.Name.Split('/')[^1]}')]", url, StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_name_the_deployed_storage_account_and_service_bus_namespace()
    {
        var settings = AppSettings();
        var account = infra.Deployment.Single("Microsoft.Storage/storageAccounts");
        var space = infra.Deployment.Single("Microsoft.ServiceBus/namespaces");

        Assert.Equal(account.Name, settings["AzureWebJobsStorage__accountName"]);
        Assert.Contains($"reference('{space.Id}', ", settings["ServiceBusConnection__fullyQualifiedNamespace"], StringComparison.Ordinal);
        Assert.Contains(".serviceBusEndpoint", settings["ServiceBusConnection__fullyQualifiedNamespace"], StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_connect_the_app_to_application_insights_with_entra_authentication()
    {
        var component = infra.Deployment.Single("Microsoft.Insights/components");

        Assert.Equal($"[reference('{component.Id}', '2020-02-02').ConnectionString]", AppSettings()["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        // The system-assigned identity: a user-assigned one would add ClientId=...
        Assert.Equal("Authorization=AAD", AppSettings()["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void App_settings_carry_the_schedule_platform_and_allow_list_parameters()
    {
        var settings = AppSettings();

        Assert.Equal(ExampleParameter("scanSchedule").GetString(), settings["Scanner__ScanSchedule"]);
        Assert.Equal(ExampleParameter("preferredPlatform").GetString(), settings["Scanner__PreferredPlatform"]);
        var allowList = ExampleParameter("allowList").EnumerateArray().Select(entry => entry.GetString()).ToList();
        Assert.NotEmpty(allowList);
        for (var index = 0; index < allowList.Count; index++)
        {
            Assert.Equal(allowList[index], settings[$"Scanner__AllowList__{index}"]);
        }
    }

    [Fact]
    public void Scan_schedule_defaults_to_every_fifteen_minutes_in_six_field_NCRONTAB()
    {
        var schedule = infra.Template.Parameter("scanSchedule").GetProperty("defaultValue").GetString()!;

        Assert.Equal("0 */15 * * * *", schedule);
        Assert.Equal(6, schedule.Split(' ').Length);
    }

    [Fact]
    public void App_settings_hold_no_keys_or_connection_secrets()
    {
        foreach (var (name, value) in AppSettings())
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(name.StartsWith("Scanner__ApiKeys", StringComparison.Ordinal), name);
            Assert.False(name.StartsWith("Scanner__Registries", StringComparison.Ordinal), name);
            Assert.False(name.EndsWith("__credential", StringComparison.Ordinal) || name.EndsWith("__clientSecret", StringComparison.Ordinal), name);
        }

        Assert.DoesNotContain("AzureWebJobsStorage", AppSettings().Keys);
        Assert.DoesNotContain("ServiceBusConnection", AppSettings().Keys);
    }

    [Fact]
    public void Basic_publishing_credentials_are_disabled_for_scm_and_ftp()
    {
        var site = Site();
        var policies = infra.Deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.Equal(["ftp", "scm"], policies.Select(policy => policy.Name.Split('/')[^1]).Order());
        Assert.All(policies, policy =>
        {
            Assert.StartsWith(site.Id + "/", policy.Id, StringComparison.Ordinal);
            Assert.False(policy.At("properties.allow").GetBoolean());
        });
    }

    private Templates.PredictedResource Site() => infra.Deployment.Single(Sites);

    private JsonElement ExampleParameter(string name) => infra.ExampleParameters.GetProperty(name).GetProperty("value");

    private IReadOnlyDictionary<string, string> AppSettings() => infra.AppSettings;
}
