using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.Infra.Tests.Bicep;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// Registry politeness survives scale-out (DESIGN.md section 2): host.json bounds the scan-requests messages one
/// instance handles at once, the template bounds the instances, so concurrent scans have a ceiling, and the template's
/// parameter description and docs/deploy.md state it with the numbers of the host.json the package carries.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class RegistryPolitenessTests(InfraFixture infra)
{
    private const string DeployGuide = "docs/deploy.md";

    [Fact]
    public void Host_json_bounds_the_queue_messages_one_instance_handles_at_once()
    {
        // The queue trigger fetches batchSize messages and fetches more when fewer than newBatchThreshold are left.
        Assert.InRange(BatchSize(), 1, 32);
        Assert.InRange(NewBatchThreshold(), 0, BatchSize());
    }

    [Fact]
    public void Instance_ceiling_defaults_to_the_lowest_value_every_flex_region_accepts_and_reaches_the_app()
    {
        var parameter = infra.Template.Parameter("maximumInstanceCount");

        Assert.Equal(40, parameter.GetProperty("defaultValue").GetInt32());
        Assert.Equal(1, parameter.GetProperty("minValue").GetInt32());
        Assert.Equal(1000, parameter.GetProperty("maxValue").GetInt32());
        Assert.Equal(infra.ExampleParameters.GetProperty("maximumInstanceCount").GetProperty("value").GetInt32(), AppliedInstances());
    }

    [Fact]
    public void Deployment_outputs_the_ceiling_on_concurrent_scans()
    {
        var output = infra.Deployment.Outputs.GetProperty("maximumConcurrentScans");

        Assert.Equal(JsonValueKind.Number, output.ValueKind);
        Assert.Equal(AppliedInstances() * ScansPerInstance(), output.GetInt32());
    }

    [Fact]
    public void Instance_parameter_description_states_the_ceiling_with_the_numbers_of_host_json()
    {
        var description = infra.Template.Parameter("maximumInstanceCount").GetProperty("metadata").GetProperty("description").GetString()!;

        Assert.Contains("maximumInstanceCount x (batchSize + newBatchThreshold", description, StringComparison.Ordinal);
        Assert.Contains($"{BatchSize()} + {NewBatchThreshold()} = {ScansPerInstance()} per instance", description, StringComparison.Ordinal);
        Assert.Contains($"MaxConcurrencyPerHost ({RequestsPerRegistryPerInstance()})", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_guide_states_the_ceilings_of_the_default_instance_count()
    {
        var guide = RepositoryFiles.ReadText(DeployGuide);
        var instances = infra.Template.Parameter("maximumInstanceCount").GetProperty("defaultValue").GetInt32();

        Assert.Contains($"{instances} × {ScansPerInstance()} = {instances * ScansPerInstance()}", guide, StringComparison.Ordinal);
        Assert.Contains($"{instances} × {RequestsPerRegistryPerInstance()} = {instances * RequestsPerRegistryPerInstance()}", guide, StringComparison.Ordinal);
    }

    private int AppliedInstances() =>
        infra.Deployment.Single("Microsoft.Web/sites").At("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCount").GetInt32();

    private static int ScansPerInstance() => BatchSize() + NewBatchThreshold();

    private static int BatchSize() => Queues().GetProperty("batchSize").GetInt32();

    private static int NewBatchThreshold() => Queues().GetProperty("newBatchThreshold").GetInt32();

    private static JsonElement Queues()
    {
        using var hostJson = JsonDocument.Parse(RepositoryFiles.ReadText("host.json"));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("queues").Clone();
    }

    // The registry client's own per-host bound (Scanner:RegistryHttp:MaxConcurrencyPerHost), read where it is declared.
    private static int RequestsPerRegistryPerInstance()
    {
        var defaults = RepositoryFiles.SourceFiles().Select(File.ReadAllText)
            .Select(text => MaxConcurrencyPerHostDefault().Match(text)).Where(match => match.Success).ToList();
        return defaults.Count == 1
            ? int.Parse(defaults[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Expected one declaration of MaxConcurrencyPerHost with a default under src/, found {defaults.Count}.");
    }

    [GeneratedRegex(@"\bint\s+MaxConcurrencyPerHost\s*\{\s*get;\s*set;\s*\}\s*=\s*(\d+)\s*;")]
    private static partial Regex MaxConcurrencyPerHostDefault();
}
