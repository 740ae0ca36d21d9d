using Scanner.Core.Repositories;

namespace Scanner.Functions.Scanning;

public enum RepositoryScanStatus
{
    Scanned,
    Failed,

    /// <summary>Not on the allow-list (any more): nothing was read from the registry.</summary>
    NotAllowListed,
}

/// <summary>What one scan of one repository did, for logs, the CLI and tests.</summary>
public sealed record RepositoryScanReport(
    RepositoryName Repository,
    RepositoryScanStatus Status,
    int Versions,
    int IgnoredTags,
    IReadOnlyList<string> EventTypes,
    string? Failure,
    TimeSpan Duration);
