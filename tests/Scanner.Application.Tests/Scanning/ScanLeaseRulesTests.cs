using Scanner.Application.Scanning;

namespace Scanner.Application.Tests.Scanning;

public sealed class ScanLeaseRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PendingExpiry = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_burst_of_requests_sends_one_message()
    {
        var (first, written) = ScanLeaseRules.OnRequest(ScanBookkeeping.None, Now, PendingExpiry);
        Assert.Equal(ScanRequestDisposition.Enqueued, first);
        Assert.NotNull(written);

        var bookkeeping = written!;
        for (var i = 1; i < 100; i++)
        {
            var (disposition, write) = ScanLeaseRules.OnRequest(bookkeeping, Now.AddMilliseconds(i), PendingExpiry);
            Assert.Equal(ScanRequestDisposition.AlreadyPending, disposition);
            Assert.Null(write);
        }
    }

    [Fact]
    public void A_request_during_a_scan_gives_exactly_one_follow_up()
    {
        var pending = ScanLeaseRules.OnRequest(ScanBookkeeping.None, Now, PendingExpiry).Write!;
        var taken = ScanLeaseRules.TryAcquire(pending, "a", Now, Lease);
        Assert.True(taken.Acquired);
        Assert.Null(taken.Bookkeeping.PendingSince);

        // Many requests while the scan runs: the first is noted, the rest have nothing to add.
        var (first, noted) = ScanLeaseRules.OnRequest(taken.Bookkeeping, Now.AddSeconds(1), PendingExpiry);
        Assert.Equal(ScanRequestDisposition.FollowUp, first);
        var (second, nothing) = ScanLeaseRules.OnRequest(noted!, Now.AddSeconds(2), PendingExpiry);
        Assert.Equal(ScanRequestDisposition.FollowUp, second);
        Assert.Null(nothing);

        var (runAgain, kept) = ScanLeaseRules.OnEnd(noted!, "a", ScanOutcomeKind.Succeeded, null, null, Now.AddSeconds(5), Lease);
        Assert.True(runAgain);
        Assert.Equal("a", kept!.LeaseOwner);

        // The follow-up ends with nothing new requested: the lease is released.
        var (again, released) = ScanLeaseRules.OnEnd(kept, "a", ScanOutcomeKind.Succeeded, null, null, Now.AddSeconds(9), Lease);
        Assert.False(again);
        Assert.Null(released!.LeaseOwner);
        Assert.Equal(Now.AddSeconds(9), released.LastSucceededAt);
    }

    [Fact]
    public void A_second_worker_never_takes_a_held_lease_and_leaves_a_follow_up_to_the_holder()
    {
        var held = ScanLeaseRules.TryAcquire(ScanBookkeeping.None, "a", Now, Lease).Bookkeeping;

        var other = ScanLeaseRules.TryAcquire(held, "b", Now.AddSeconds(1), Lease);

        Assert.False(other.Acquired);
        Assert.Equal(held.LeaseUntil, other.HeldUntil);
        Assert.True(other.Bookkeeping.RequestCount > other.Bookkeeping.ScannedRequestCount);
        Assert.Equal("a", other.Bookkeeping.LeaseOwner);
    }

    [Fact]
    public void A_crashed_holders_lease_runs_out_and_another_worker_takes_it()
    {
        var held = ScanLeaseRules.TryAcquire(ScanBookkeeping.None, "crashed", Now, Lease).Bookkeeping;

        Assert.False(ScanLeaseRules.TryAcquire(held, "b", Now + Lease - TimeSpan.FromSeconds(1), Lease).Acquired);
        var taken = ScanLeaseRules.TryAcquire(held, "b", Now + Lease, Lease);
        Assert.True(taken.Acquired);
        Assert.Equal("b", taken.Bookkeeping.LeaseOwner);

        // The old holder, should it come back, records nothing over the new one.
        Assert.Equal((false, (ScanBookkeeping?)null), ScanLeaseRules.OnEnd(taken.Bookkeeping, "crashed", ScanOutcomeKind.Succeeded, null, null, Now + Lease, Lease));
    }

    [Fact]
    public void A_pending_mark_older_than_its_expiry_is_a_lost_message_and_another_is_sent()
    {
        var pending = ScanLeaseRules.OnRequest(ScanBookkeeping.None, Now, PendingExpiry).Write!;
        Assert.Equal(ScanRequestDisposition.Enqueued, ScanLeaseRules.OnRequest(pending, Now + PendingExpiry, PendingExpiry).Disposition);
    }

    [Fact]
    public void A_throttled_scan_releases_its_lease_and_keeps_the_retry_time()
    {
        var held = ScanLeaseRules.TryAcquire(ScanBookkeeping.None, "a", Now, Lease).Bookkeeping;
        var noted = ScanLeaseRules.OnRequest(held, Now.AddSeconds(1), PendingExpiry).Write!;

        var (runAgain, ended) = ScanLeaseRules.OnEnd(noted, "a", ScanOutcomeKind.Throttled, "pull allowance", Now.AddHours(6), Now.AddSeconds(2), Lease);

        // No follow-up now: the registry would refuse it; the retry at the window's end covers the request.
        Assert.False(runAgain);
        Assert.Null(ended!.LeaseOwner);
        Assert.Equal(Now.AddHours(6), ended.RetryAt);
        Assert.Equal("pull allowance", ended.LastFailure);
    }
}
