namespace Scanner.Application.Scanning;

/// <summary>The outcome of <see cref="ScanLeaseRules.TryAcquire"/>.</summary>
/// <param name="Acquired">True when the caller now holds the lease.</param>
/// <param name="Bookkeeping">What to write (always written: taking the lease, or noting the request for the holder).</param>
/// <param name="HeldUntil">When the other holder's lease runs out, when not acquired.</param>
public sealed record LeaseDecision(bool Acquired, ScanBookkeeping Bookkeeping, DateTimeOffset? HeldUntil);
