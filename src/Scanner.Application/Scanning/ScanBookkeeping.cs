namespace Scanner.Application.Scanning;

/// <summary>
/// What the repository's state row records about scanning it (DESIGN.md section 5): the last request, whether a
/// message is pending, the lease of the scan in progress, and how the last scan ended. Plain data: the rules that
/// change it are <see cref="ScanLeaseRules"/>'s, the store only reads and writes it under an ETag.
/// </summary>
public sealed record ScanBookkeeping
{
    public static ScanBookkeeping None { get; } = new();

    /// <summary>
    /// Counts the requests recorded. A scan notes the count it started at; a count that moved on while it ran means a
    /// request came in during the scan, so it runs once more. A counter, not a time: instances' clocks differ.
    /// </summary>
    public long RequestCount { get; init; }

    /// <summary>The <see cref="RequestCount"/> the last (or current) scan started at.</summary>
    public long ScannedRequestCount { get; init; }

    /// <summary>When the newest request was recorded (for people; the rules use <see cref="RequestCount"/>).</summary>
    public DateTimeOffset? RequestedAt { get; init; }

    /// <summary>Set while a <c>scan-requests</c> message is on its way and no scan has taken it yet.</summary>
    public DateTimeOffset? PendingSince { get; init; }

    public string? LeaseOwner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public DateTimeOffset? LastStartedAt { get; init; }

    public DateTimeOffset? LastEndedAt { get; init; }

    public ScanOutcomeKind? LastOutcome { get; init; }

    /// <summary>Why the last scan failed or was throttled; null when it succeeded.</summary>
    public string? LastFailure { get; init; }

    public DateTimeOffset? LastSucceededAt { get; init; }

    /// <summary>When a throttled scan will be retried.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}
