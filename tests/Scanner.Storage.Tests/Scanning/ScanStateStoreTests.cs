using Scanner.Application.Catalog;
using Scanner.Application.Scanning;
using Scanner.Core.Changes;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Scanning;

[Collection(AzuriteCollection.Name)]
public class ScanStateStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly ScanBookkeeping Everything = new()
    {
        RequestedAt = At,
        PendingSince = At.AddSeconds(1),
        LeaseOwner = "worker-1",
        LeaseUntil = At.AddMinutes(10),
        LastStartedAt = At.AddSeconds(2),
        LastEndedAt = At.AddSeconds(3),
        LastOutcome = ScanOutcomeKind.Throttled,
        LastFailure = "pull allowance low",
        LastSucceededAt = At.AddDays(-1),
        RetryAt = At.AddHours(6),
    };

    [Fact]
    public async Task A_repository_never_seen_has_no_bookkeeping_and_no_etag()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);

        var state = await storage.ScanState.ReadAsync(Scans.Repository());

        Assert.Equal(ScanBookkeeping.None, state.Bookkeeping);
        Assert.Null(state.ETag);
    }

    [Fact]
    public async Task Every_field_round_trips_and_a_cleared_field_reads_back_as_null()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();

        var written = await storage.ScanState.TryWriteAsync(await storage.ScanState.ReadAsync(repository), Everything);
        Assert.NotNull(written);
        Assert.Equal(Everything, (await storage.ScanState.ReadAsync(repository)).Bookkeeping);

        var cleared = Everything with { LeaseOwner = null, LeaseUntil = null, LastOutcome = ScanOutcomeKind.Succeeded, LastFailure = null, RetryAt = null };
        Assert.NotNull(await storage.ScanState.TryWriteAsync(written, cleared));

        var read = await storage.ScanState.ReadAsync(repository);
        Assert.Equal(cleared, read.Bookkeeping);
    }

    [Fact]
    public async Task Two_writers_on_one_etag_exactly_one_wins()
    {
        var prefix = StorageHarness.NewPrefix();
        await using var first = await StorageHarness.CreateAsync(azurite, prefix);
        await using var second = await StorageHarness.CreateAsync(azurite, prefix);
        var repository = Scans.Repository();

        foreach (var existing in new[] { false, true })
        {
            // First round: no row yet (both insert); second round: both merge on the same ETag.
            var current = await first.ScanState.ReadAsync(repository);
            Assert.Equal(existing, current.ETag is not null);
            var results = await Task.WhenAll(
                first.ScanState.TryWriteAsync(current, Everything with { LeaseOwner = "first" }),
                second.ScanState.TryWriteAsync(current, Everything with { LeaseOwner = "second" }));

            var winner = Assert.Single(results, r => r is not null)!;
            Assert.Single(results, r => r is null);
            var stored = await first.ScanState.ReadAsync(repository);
            Assert.Equal(winner.Bookkeeping, stored.Bookkeeping);
            Assert.Equal(winner.ETag, stored.ETag);
        }
    }

    [Fact]
    public async Task A_commit_merges_into_the_state_row_and_keeps_the_bookkeeping()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var leased = await storage.ScanState.TryWriteAsync(await storage.ScanState.ReadAsync(repository), Everything);
        Assert.NotNull(leased);

        // The row exists only because of the bookkeeping: never scanned, but its ETag makes the commit a merge.
        var stored = await storage.Catalog.LoadAsync(repository);
        Assert.Equal(0, stored.ScanCount);
        Assert.Equal(leased.ETag, stored.ConcurrencyToken);
        var changes = ChangeDetector.Detect(stored, Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(120)));
        Assert.Equal(CommitResult.Committed, await storage.Catalog.CommitScanAsync(changes));

        var after = await storage.ScanState.ReadAsync(repository);
        Assert.Equal(Everything, after.Bookkeeping);
        Assert.NotEqual(leased.ETag, after.ETag);

        // And bookkeeping written after the commit leaves the commit's scan count and versions alone.
        Assert.NotNull(await storage.ScanState.TryWriteAsync(after, ScanBookkeeping.None with { RequestedAt = At }));
        var reloaded = await storage.Catalog.LoadAsync(repository);
        Assert.Equal(1, reloaded.ScanCount);
        Assert.Equal(120, reloaded.Versions.Count);
    }

    [Fact]
    public async Task A_bookkeeping_write_and_a_commit_on_one_state_never_both_win()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0")));

        // A commit after the bookkeeping moved the row conflicts...
        var loaded = await storage.Catalog.LoadAsync(repository);
        Assert.NotNull(await storage.ScanState.TryWriteAsync(await storage.ScanState.ReadAsync(repository), Everything));
        var changes = ChangeDetector.Detect(loaded, Scans.Of(repository, Scans.Epoch.AddHours(1), Scans.Version("1.0.0"), Scans.Version("1.1.0")));
        Assert.Equal(CommitResult.Conflict, await storage.Catalog.CommitScanAsync(changes));

        // ...and bookkeeping read before a commit loses to it.
        var read = await storage.ScanState.ReadAsync(repository);
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch.AddHours(2), Scans.Version("1.0.0")));
        Assert.Null(await storage.ScanState.TryWriteAsync(read, ScanBookkeeping.None));
        Assert.Equal(Everything, (await storage.ScanState.ReadAsync(repository)).Bookkeeping);
    }

    [Fact]
    public async Task Listing_reads_the_state_rows_of_every_repository_and_nothing_else()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var scanned = Scans.Repository("ghcr.io/acme/scanned");
        var requested = Scans.Repository("docker.io/acme/requested");
        await storage.ScanAndCommitAsync(Scans.Of(scanned, Scans.Epoch, Scans.ManyVersions(20)), relay: false);
        await storage.ScanState.TryWriteAsync(await storage.ScanState.ReadAsync(requested), ScanBookkeeping.None with { RequestedAt = At });

        var states = await storage.ScanState.ListAsync();

        Assert.Equal([requested, scanned], states.Select(s => s.Repository).Order());
        Assert.Equal(At, states.Single(s => s.Repository == requested).Bookkeeping.RequestedAt);
        Assert.Equal(ScanBookkeeping.None, states.Single(s => s.Repository == scanned).Bookkeeping);
        Assert.All(states, s => Assert.NotNull(s.ETag));
    }
}
