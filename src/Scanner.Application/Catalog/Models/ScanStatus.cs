namespace Scanner.Application.Catalog.Models;

/// <summary>How the repository's scans went, as an operator or a client wants to know it.</summary>
/// <param name="Outcome"><c>succeeded</c>, <c>failed</c>, <c>throttled</c>, or null when none has ended yet.</param>
/// <param name="Running">True while a scan holds the lease.</param>
public sealed record ScanStatus(
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastEndedAt,
    string? Outcome,
    string? Failure,
    DateTimeOffset? LastSucceededAt,
    DateTimeOffset? RetryAt,
    bool Running);
