using System.Text.Json;

namespace Scanner.Functions.CustomHandler;

/// <summary>
/// Reads the host's invocation body <c>{"Data":{...},"Metadata":{...}}</c>. A binding's value may arrive as JSON, as a
/// JSON string holding that JSON, or encoded twice over (the host serialises Service Bus bodies as strings):
/// <see cref="ReadBinding"/> peels string layers until it finds the value.
/// </summary>
public static class TriggerPayload
{
    private const int MaxStringLayers = 3;

    /// <summary>The value of binding <paramref name="name"/> in <c>Data</c>, decoded; null when absent.</summary>
    public static JsonElement? ReadBinding(JsonElement invocation, string name)
    {
        if (invocation.ValueKind != JsonValueKind.Object ||
            !TryGetProperty(invocation, "Data", out var data) || data.ValueKind != JsonValueKind.Object ||
            !TryGetProperty(data, name, out var value))
        {
            return null;
        }

        return Unwrap(value);
    }

    /// <summary>Peels JSON-in-a-string layers; a string that is not JSON is returned as the string it is.</summary>
    public static JsonElement Unwrap(JsonElement value)
    {
        for (var layer = 0; layer < MaxStringLayers && value.ValueKind == JsonValueKind.String; layer++)
        {
            var text = value.GetString();
            if (string.IsNullOrWhiteSpace(text))
            {
                break;
            }

            try
            {
                using var inner = JsonDocument.Parse(text);
                value = inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                break;
            }
        }

        return value;
    }

    private static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
