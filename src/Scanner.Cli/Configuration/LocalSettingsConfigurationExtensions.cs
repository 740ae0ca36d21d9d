using System.Text.Json;

namespace Scanner.Cli.Configuration;

/// <summary>
/// Reads <c>local.settings.json</c> <c>Values</c> as Functions Core Tools does, with <c>__</c> meaning a section
/// separator (<c>Scanner__ApiKeys__Admin</c> = <c>Scanner:ApiKeys:Admin</c>). Environment variables win over it.
/// </summary>
public static class LocalSettingsConfigurationExtensions
{
    public static IConfigurationBuilder AddLocalSettings(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!File.Exists(path))
        {
            return builder;
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document.RootElement.ValueKind == JsonValueKind.Object &&
            document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in section.EnumerateObject())
            {
                values[value.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }

        return builder.AddInMemoryCollection(values);
    }
}
