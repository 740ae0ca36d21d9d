using System.Text.Json;

namespace Scanner.Registry.Model;

/// <summary>A parsed manifest document: an <see cref="ImageManifest"/> or an <see cref="ImageIndex"/>.</summary>
public abstract record Manifest(MediaType MediaType, Digest Digest)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };

    /// <summary>
    /// Parses a manifest already checked against its digest. The document's own <c>mediaType</c> wins over the
    /// response's <c>Content-Type</c>; a document of neither known kind is an error.
    /// </summary>
    public static Manifest Parse(ReadOnlySpan<byte> content, MediaType contentType, Digest digest)
    {
        try
        {
            using var document = JsonDocument.Parse(content.ToArray(), JsonOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(digest, "is not a JSON object");
            }

            var mediaType = root.TryGetProperty("mediaType", out var declared) && declared.ValueKind == JsonValueKind.String
                ? new MediaType(declared.GetString()!)
                : contentType;
            if (!mediaType.IsIndex && !mediaType.IsImageManifest)
            {
                // OCI documents may omit mediaType; the shape then tells which kind it is.
                mediaType = root.TryGetProperty("manifests", out _) ? MediaType.OciIndex
                    : root.TryGetProperty("config", out _) ? MediaType.OciManifest
                    : throw Invalid(digest, $"has unsupported media type '{mediaType}'");
            }

            if (mediaType.IsIndex)
            {
                if (!root.TryGetProperty("manifests", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(digest, "is an index without a manifests array");
                }

                var manifests = new List<Descriptor>();
                foreach (var item in list.EnumerateArray())
                {
                    manifests.Add(ReadDescriptor(item, digest, "manifests entry"));
                }

                return new ImageIndex(mediaType, digest, manifests);
            }

            if (!root.TryGetProperty("config", out var config))
            {
                throw Invalid(digest, "is an image manifest without a config descriptor");
            }

            return new ImageManifest(mediaType, digest, ReadDescriptor(config, digest, "config"));
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"manifest {digest} is not valid JSON: {exception.Message}", exception);
        }
    }

    private static Descriptor ReadDescriptor(JsonElement element, Digest owner, string what)
    {
        if (element.ValueKind != JsonValueKind.Object ||
            !element.TryGetProperty("digest", out var digestText) || digestText.ValueKind != JsonValueKind.String ||
            !element.TryGetProperty("size", out var sizeElement) || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw Invalid(owner, $"has a {what} without a digest and size");
        }

        if (!Digest.TryParse(digestText.GetString(), out var digest, out var error))
        {
            throw new RegistryException(RegistryErrorKind.Integrity, $"manifest {owner} {what}: {error}");
        }

        var mediaType = element.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String
            ? new MediaType(type.GetString()!)
            : default;
        Platform? platform = null;
        if (element.TryGetProperty("platform", out var p) && p.ValueKind == JsonValueKind.Object &&
            p.TryGetProperty("os", out var os) && os.ValueKind == JsonValueKind.String &&
            p.TryGetProperty("architecture", out var arch) && arch.ValueKind == JsonValueKind.String)
        {
            var variant = p.TryGetProperty("variant", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            platform = new Platform(os.GetString()!, arch.GetString()!, variant);
        }

        return new Descriptor(mediaType, digest, size, platform);
    }

    private static RegistryException Invalid(Digest digest, string problem) =>
        new(RegistryErrorKind.Protocol, $"manifest {digest} {problem}");
}
