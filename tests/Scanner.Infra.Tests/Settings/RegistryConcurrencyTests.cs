using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Repository;
using Scanner.Registry;
using Scanner.Registry.Extensions;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// Registry politeness survives scale-out (DESIGN.md section 2): host.json bounds Service Bus calls per instance and
/// the Bicep bounds instances, so concurrent scans, and requests to one registry, have a known ceiling.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class RegistryConcurrencyTests(InfraFixture infra)
{
    [Fact]
    public void Host_json_bounds_service_bus_calls_per_instance()
    {
        Assert.InRange(MaxConcurrentCalls(), 1, 32);
    }

    [Fact]
    public void Bicep_bounds_the_instance_count_and_applies_the_bound_to_the_app()
    {
        var parameter = infra.Template.Parameter("maximumInstanceCount");
        var applied = infra.Deployment.Single("Microsoft.Web/sites").At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount");

        Assert.Equal(1, parameter.GetProperty("minValue").GetInt32());
        Assert.Equal(1000, parameter.GetProperty("maxValue").GetInt32());
        Assert.Equal(JsonValueKind.Number, applied.ValueKind);
        Assert.InRange(applied.GetInt32(), 1, parameter.GetProperty("maxValue").GetInt32());
    }

    [Fact]
    public void Example_deployment_scans_at_most_eighty_repositories_at_once()
    {
        // docs/deploy.md quotes this figure: 10 instances x 8 Service Bus calls.
        Assert.Equal(80, MaximumInstances() * MaxConcurrentCalls());
    }

    [Fact]
    public void Example_deployment_sends_at_most_eighty_concurrent_requests_to_one_registry()
    {
        using var services = new ServiceCollection().AddScannerRegistry(AppSettingConfiguration.From([])).BuildServiceProvider();
        var perInstance = services.GetRequiredService<IOptions<RegistryOptions>>().Value.Http.MaxConcurrencyPerHost;

        Assert.Equal(80, MaximumInstances() * perInstance);
    }

    private static int MaxConcurrentCalls()
    {
        using var hostJson = JsonDocument.Parse(RepositoryFiles.ReadText("host.json"));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("serviceBus").GetProperty("maxConcurrentCalls").GetInt32();
    }

    private int MaximumInstances() =>
        infra.Deployment.Single("Microsoft.Web/sites").At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount").GetInt32();
}
