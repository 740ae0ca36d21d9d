using System.Text.Json;

namespace Scanner.Infra.Tests.Templates;

/// <summary>Reads a dotted property path (<c>properties.siteConfig.minTlsVersion</c>) from JSON.</summary>
internal static class JsonPath
{
    public static bool TryGet(JsonElement element, string path, out JsonElement value)
    {
        value = element;
        foreach (var segment in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    public static JsonElement Get(JsonElement element, string path, string owner) =>
        TryGet(element, path, out var value)
            ? value
            : throw new InvalidOperationException($"{owner} has no '{path}'.");
}
