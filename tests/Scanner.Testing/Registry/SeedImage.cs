namespace Scanner.Testing.Registry;

/// <summary>
/// A synthetic extension image to push: its labels, manifest family and platforms. One platform gives a plain image
/// manifest; more give an index (OCI) or manifest list (Docker), each platform's config carrying the labels plus
/// <see cref="PlatformLabel"/> naming the platform, so tests can tell which platform's labels were read.
/// </summary>
public sealed record SeedImage(IReadOnlyDictionary<string, string> Labels)
{
    public const string PlatformLabel = "test.platform";

    public ManifestFormat Format { get; init; } = ManifestFormat.Oci;

    /// <summary><c>os/arch[/variant]</c> each; one entry = single-platform manifest.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = ["linux/amd64"];

    /// <summary>A multi-platform image even with one platform.</summary>
    public bool ForceIndex { get; init; }

    public bool IsIndex => ForceIndex || Platforms.Count > 1;
}
