using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>A complete scan of one repository: every semver tag found, and how many other tags were ignored.</summary>
public sealed record RepositoryScanResult(
    RepositoryName Repository,
    DateTimeOffset ScannedAt,
    IReadOnlyList<ScannedVersion> Versions,
    int IgnoredTagCount);
