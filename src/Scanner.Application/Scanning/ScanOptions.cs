namespace Scanner.Application.Scanning;

/// <summary>Scan settings (configuration section <c>Scanner</c>).</summary>
public sealed class ScanOptions
{
    public const string SectionName = "Scanner";

    /// <summary>The overall deadline of one repository's registry reads (<c>Scanner:ScanTimeout</c>).</summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Repositories scanned at once by <c>scanner scan</c> (<c>Scanner:ScanConcurrency</c>).</summary>
    public int ScanConcurrency { get; set; } = 8;

    /// <summary>
    /// How long a lease lasts: the deadline plus time to commit and relay. A crashed holder blocks its repository at
    /// most this long, which is well inside the function timeout.
    /// </summary>
    public TimeSpan LeaseDuration => ScanTimeout + TimeSpan.FromMinutes(2);

    /// <summary>A pending mark older than this is a message that was lost before it was sent (the function timeout).</summary>
    public static TimeSpan PendingExpiry { get; } = TimeSpan.FromMinutes(10);
}
