using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Application.Scanning;

/// <summary>What one scan of one repository did, for logs, the CLI and tests.</summary>
public sealed record RepositoryScanReport(
    RepositoryName Repository,
    RepositoryScanStatus Status,
    int Versions,
    int IgnoredTags,
    IReadOnlyList<string> EventTypes,
    string? Failure,
    DateTimeOffset? RetryAt,
    TimeSpan Duration)
{
    /// <summary>Scans this report covers: a follow-up scan under the same lease counts too.</summary>
    public int Scans { get; init; } = 1;

    /// <summary>The registry requests of these scans, by kind, and the pulls they spent.</summary>
    public RegistryRequestCounts Requests { get; init; }
}
