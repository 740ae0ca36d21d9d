using System.Text.Json;

namespace Scanner.Registry.Model;

/// <summary>The parts of an image config blob a scan reads: its labels and the platform it was built for.</summary>
public sealed record ImageConfig(IReadOnlyDictionary<string, string> Labels, Platform? Platform)
{
    // Docker writes the label map with a capital L, as in its Go struct.
    private const string DockerLabelsProperty = "Labels";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64 };

    public static ImageConfig Parse(ReadOnlySpan<byte> content, Digest digest)
    {
        try
        {
            using var document = JsonDocument.Parse(content.ToArray(), JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"config blob {digest} is not a JSON object");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object &&
                config.TryGetProperty(DockerLabelsProperty, out var labelObject) && labelObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in labelObject.EnumerateObject())
                {
                    // A label that is not a string is kept as its JSON text so the verdict can still name it.
                    labels[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : label.Value.GetRawText();
                }
            }

            Platform? platform = null;
            if (root.TryGetProperty("os", out var os) && os.ValueKind == JsonValueKind.String &&
                root.TryGetProperty("architecture", out var arch) && arch.ValueKind == JsonValueKind.String)
            {
                var variant = root.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                platform = new Platform(os.GetString()!, arch.GetString()!, variant);
            }

            return new ImageConfig(labels, platform);
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"config blob {digest} is not valid JSON: {exception.Message}", exception);
        }
    }
}
