namespace Scanner.Core.Scanning;

/// <summary>How a repository scan ended.</summary>
public enum RepositoryScanOutcomeKind
{
    /// <summary>Every tag was read: <see cref="RepositoryScanOutcome.Result"/> is complete.</summary>
    Succeeded,

    /// <summary>The registry could not be read; <see cref="RepositoryScanOutcome.Failure"/> says why.</summary>
    Failed,

    /// <summary>
    /// New digests were left unread because the registry's pull allowance is down to its reserve; the scan can be
    /// retried at <see cref="RepositoryScanOutcome.RetryAt"/>. Not a failure of the registry.
    /// </summary>
    Throttled,
}
