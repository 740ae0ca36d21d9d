namespace Scanner.Registry.Model;

/// <summary>
/// A media type as registries send it in <c>Content-Type</c> and descriptors. An open set: unknown values are kept and
/// compared case-insensitively, without parameters.
/// </summary>
public readonly struct MediaType : IEquatable<MediaType>
{
    private readonly string? _value;

    public MediaType(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        _value = (semicolon >= 0 ? value[..semicolon] : value).Trim();
    }

    public static MediaType OciIndex { get; } = new("application/vnd.oci.image.index.v1+json");

    public static MediaType OciManifest { get; } = new("application/vnd.oci.image.manifest.v1+json");

    public static MediaType DockerManifestList { get; } = new("application/vnd.docker.distribution.manifest.list.v2+json");

    public static MediaType DockerManifest { get; } = new("application/vnd.docker.distribution.manifest.v2+json");

    public static MediaType OciConfig { get; } = new("application/vnd.oci.image.config.v1+json");

    public static MediaType DockerConfig { get; } = new("application/vnd.docker.container.image.v1+json");

    /// <summary>The four manifest kinds a scan understands, in the order sent in <c>Accept</c>.</summary>
    public static IReadOnlyList<MediaType> Manifests { get; } = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    public string Value => _value ?? string.Empty;

    public bool IsIndex => Equals(OciIndex) || Equals(DockerManifestList);

    public bool IsImageManifest => Equals(OciManifest) || Equals(DockerManifest);

    public bool Equals(MediaType other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is MediaType other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value;

    public static bool operator ==(MediaType left, MediaType right) => left.Equals(right);

    public static bool operator !=(MediaType left, MediaType right) => !left.Equals(right);
}
