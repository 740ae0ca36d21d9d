using System.Text.Json;

namespace Scanner.Infra.Tests.Templates;

/// <summary>
/// A compiled ARM template (the output of <c>bicep build</c>) with its module templates nested as deployments.
/// Reads both resource forms: the classic array and the languageVersion 2.0 object keyed by symbolic name.
/// </summary>
internal sealed class ArmTemplate(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public IReadOnlyList<ArmResource> Resources { get; } = ReadResources(root);

    /// <summary>Resources of this template and of every module under it, existing references left out.</summary>
    public IEnumerable<ArmResource> DeployedResources =>
        Resources.Where(resource => !resource.IsExisting)
            .SelectMany(resource => resource.IsModule ? resource.ModuleTemplate.DeployedResources.Prepend(resource) : [resource]);

    public IReadOnlyList<ArmResource> OfType(string type) =>
        DeployedResources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();

    public ArmResource Single(string type)
    {
        var matches = OfType(type);
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type}, found {matches.Count}.");
    }

    /// <summary>The module declared with this symbolic name in this template.</summary>
    public ArmResource Module(string symbolicName) =>
        Resources.SingleOrDefault(resource => resource.IsModule && resource.SymbolicName == symbolicName)
        ?? throw new InvalidOperationException($"No module '{symbolicName}'.");

    public JsonElement Parameter(string name) => JsonPath.Get(Root, $"parameters.{name}", "template");

    public JsonElement Variable(string name) => JsonPath.Get(Root, $"variables.{name}", "template");

    public IReadOnlyCollection<string> OutputNames =>
        Root.TryGetProperty("outputs", out var outputs) ? outputs.EnumerateObject().Select(output => output.Name).ToList() : [];

    private static List<ArmResource> ReadResources(JsonElement root)
    {
        if (!root.TryGetProperty("resources", out var resources))
        {
            return [];
        }

        return resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().Select(resource => new ArmResource(null, resource)).ToList()
            : resources.EnumerateObject().Select(resource => new ArmResource(resource.Name, resource.Value)).ToList();
    }
}
