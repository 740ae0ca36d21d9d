namespace Scanner.Application.Scanning;

/// <summary>How a scan of one repository ended.</summary>
public enum ScanOutcomeKind
{
    Succeeded,
    Failed,

    /// <summary>The registry's pull allowance ran low; the scan is retried when its window has passed.</summary>
    Throttled,
}
