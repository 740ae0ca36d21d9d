using System.Text.Json.Serialization;

namespace Scanner.Functions.CustomHandler;

/// <summary>What the Functions host expects back from a custom handler for a non-HTTP invocation.</summary>
public sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, string> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] string? ReturnValue)
{
    public static InvocationResponse Empty { get; } = new(new Dictionary<string, string>(), [], null);

    public static InvocationResponse Failed(string message) => new(new Dictionary<string, string>(), [message], null);
}
