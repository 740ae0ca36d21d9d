using System.Text.Json;

namespace Scanner.Testing.Functions;

/// <summary>One function of <c>functions.metadata</c>, reduced to its trigger binding.</summary>
public sealed record MetadataFunction(
    string Name,
    string EntryPoint,
    string TriggerType,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? Schedule,
    string? QueueName,
    string? Connection)
{
    public static MetadataFunction From(JsonElement function)
    {
        var trigger = function.GetProperty("bindings").EnumerateArray()
            .Single(b => b.GetProperty("direction").GetString() == "In" && b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
        string? Text(string name) => trigger.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var methods = trigger.TryGetProperty("methods", out var list)
            ? list.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order(StringComparer.Ordinal).ToArray()
            : [];
        return new MetadataFunction(
            function.GetProperty("name").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            trigger.GetProperty("type").GetString()!,
            Text("route"),
            methods,
            Text("authLevel"),
            Text("schedule"),
            Text("queueName"),
            Text("connection"));
    }
}
