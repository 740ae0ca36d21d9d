using System.Text.Json;

namespace Scanner.Infra.Tests.Templates;

/// <summary>
/// The output of <c>bicep snapshot</c>: the resources one deployment of main.bicep with a parameters file would
/// create, modules flattened and every value that is known before deployment evaluated.
/// </summary>
internal sealed class DeploymentSnapshot(JsonElement root)
{
    public IReadOnlyList<PredictedResource> Resources { get; } =
        root.GetProperty("predictedResources").EnumerateArray().Select(resource => new PredictedResource(resource)).ToList();

    public JsonElement Diagnostics { get; } = root.GetProperty("diagnostics");

    public JsonElement Outputs { get; } = root.GetProperty("outputs");

    public IReadOnlyList<PredictedResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public PredictedResource Single(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }
}
