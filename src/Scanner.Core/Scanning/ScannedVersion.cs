using NuGet.Versioning;
using Scanner.Core.Labels;

namespace Scanner.Core.Scanning;

/// <summary>One semver tag as the registry shows it now.</summary>
public sealed record ScannedVersion(
    string Tag,
    SemanticVersion Version,
    string Digest,
    IReadOnlyList<string> Platforms,
    ExtensionLabels Labels);
