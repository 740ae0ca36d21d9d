using System.Text.Json;

namespace Scanner.Infra.Tests.Package;

/// <summary>One function of functions.metadata: its name, the assembly and method it runs, and its bindings.</summary>
internal sealed record FunctionMetadata(JsonElement Json)
{
    public string Name => Json.GetProperty("name").GetString()!;

    public string ScriptFile => Json.GetProperty("scriptFile").GetString()!;

    public string Language => Json.GetProperty("language").GetString()!;

    public IReadOnlyList<JsonElement> Bindings => Json.GetProperty("bindings").EnumerateArray().ToList();

    /// <summary>The bindings whose type ends in Trigger: a function the host can load has exactly one.</summary>
    public IReadOnlyList<JsonElement> Triggers =>
        Bindings.Where(binding => TypeOf(binding).EndsWith("Trigger", StringComparison.Ordinal)).ToList();

    public JsonElement Trigger => Triggers.Count == 1
        ? Triggers[0]
        : throw new InvalidOperationException($"{Name} has {Triggers.Count} triggers.");

    public string TriggerType => TypeOf(Trigger);

    /// <summary>A string property of the trigger (<c>queueName</c>, <c>authLevel</c>, <c>schedule</c>...), or null.</summary>
    public string? TriggerProperty(string name) =>
        Trigger.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string TypeOf(JsonElement binding) => binding.GetProperty("type").GetString()!;

    public override string ToString() => Name;
}
