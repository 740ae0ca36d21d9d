namespace Scanner.Core.Catalog;

/// <summary>
/// What is recorded of one version of an extension: stored in the catalog, carried as the data of version events,
/// served by the API. <see cref="Version"/> is the normal SemVer text (the tag itself).
/// </summary>
public sealed record VersionRecord
{
    public required string Repository { get; init; }

    public required string Version { get; init; }

    public required string Digest { get; init; }

    /// <summary>Platforms of the image (<c>linux/amd64</c>, ...); empty for a single-platform manifest without a platform.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>com.docker.desktop.extension.api.version</c> label as the publisher wrote it.</summary>
    public string? ApiVersionRange { get; init; }

    public bool IsValid { get; init; }

    /// <summary>Why the version is invalid; empty when it is valid.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public DateTimeOffset FirstSeen { get; init; }

    /// <summary>Consecutive scans that did not find the tag; at two the version is withdrawn.</summary>
    public int MissedScans { get; init; }
}
