namespace Scanner.Application.Scanning;

/// <summary>
/// The rules of scan requests and leases (DESIGN.md section 5), as pure functions of the stored bookkeeping, so a
/// burst of requests costs one message, a request during a scan gives exactly one follow-up, and two workers never
/// read one repository at once. The store applies the result under the ETag it read.
/// </summary>
public static class ScanLeaseRules
{
    /// <summary>
    /// A request to scan. Returns what becomes of it and the bookkeeping to write, or null bookkeeping when nothing
    /// needs writing (a message is pending, or the running scan already owes a follow-up).
    /// </summary>
    public static (ScanRequestDisposition Disposition, ScanBookkeeping? Write) OnRequest(
        ScanBookkeeping current, DateTimeOffset now, TimeSpan pendingExpiry)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (IsLeased(current, now))
        {
            return current.RequestCount > current.ScannedRequestCount
                ? (ScanRequestDisposition.FollowUp, null)
                : (ScanRequestDisposition.FollowUp, Recorded(current, now));
        }

        // A pending mark older than the expiry is a message lost between the write and the send: send another.
        if (current.PendingSince is { } pending && now - pending < pendingExpiry)
        {
            return (ScanRequestDisposition.AlreadyPending, null);
        }

        return (ScanRequestDisposition.Enqueued, Recorded(current, now) with { PendingSince = now });
    }

    /// <summary>A worker asks for the lease to scan.</summary>
    public static LeaseDecision TryAcquire(ScanBookkeeping current, string owner, DateTimeOffset now, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (IsLeased(current, now) && !string.Equals(current.LeaseOwner, owner, StringComparison.Ordinal))
        {
            // The holder started before this request: it owes a follow-up (unless it owes one already).
            var noted = current.RequestCount > current.ScannedRequestCount ? current : Recorded(current, now);
            return new LeaseDecision(false, noted, current.LeaseUntil);
        }

        return new LeaseDecision(true, Started(current, owner, now, duration), null);
    }

    /// <summary>
    /// The holder's scan ended. When requests came in meanwhile, the lease is kept for one more scan
    /// (<c>RunAgain</c>); otherwise it is released. A holder whose lease was taken over writes nothing.
    /// </summary>
    public static (bool RunAgain, ScanBookkeeping? Write) OnEnd(
        ScanBookkeeping current, string owner, ScanOutcomeKind outcome, string? failure, DateTimeOffset? retryAt, DateTimeOffset now, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (!string.Equals(current.LeaseOwner, owner, StringComparison.Ordinal))
        {
            return (false, null);
        }

        var ended = current with
        {
            LastEndedAt = now,
            LastOutcome = outcome,
            LastFailure = outcome == ScanOutcomeKind.Succeeded ? null : failure,
            LastSucceededAt = outcome == ScanOutcomeKind.Succeeded ? now : current.LastSucceededAt,
            RetryAt = outcome == ScanOutcomeKind.Throttled ? retryAt : null,
        };
        if (current.RequestCount > current.ScannedRequestCount && outcome != ScanOutcomeKind.Throttled)
        {
            return (true, Started(ended, owner, now, duration));
        }

        return (false, ended with { LeaseOwner = null, LeaseUntil = null });
    }

    /// <summary>A scan of this repository holds a lease that has not run out.</summary>
    public static bool IsLeased(ScanBookkeeping bookkeeping, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bookkeeping);
        return bookkeeping.LeaseOwner is not null && bookkeeping.LeaseUntil is { } until && until > now;
    }

    private static ScanBookkeeping Recorded(ScanBookkeeping current, DateTimeOffset now) =>
        current with { RequestCount = current.RequestCount + 1, RequestedAt = now };

    private static ScanBookkeeping Started(ScanBookkeeping current, string owner, DateTimeOffset now, TimeSpan duration) =>
        current with
        {
            LeaseOwner = owner,
            LeaseUntil = now + duration,
            LastStartedAt = now,
            PendingSince = null,
            ScannedRequestCount = current.RequestCount,
        };
}
