using Scanner.Core.Repositories;
using Scanner.Storage.Accounting;
using Scanner.Storage.Feed;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Recovery;

/// <summary>
/// Runs one scenario (allow-list add, a first scan in three transactions, a block, a second scan with a retag and a
/// missing tag, each followed by a relay over the adapters) and stops it, as a crash would, right after the N-th
/// successful request of one kind to one table; a fresh process then recovers the way the service does (reading the
/// allow-list, relaying, scanning again). The feed must end exactly as without the crash.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CrashInjectionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RepositoryName Repository = Scans.Repository("ghcr.io/acme/crash-test");
    private static readonly SemaphoreSlim ExpectedGate = new(1, 1);
    private static Outcome? expected;

    /// <summary>
    /// Allow-list writes: 1 and 2 the add's row and its completion, 3 and 4 the block's. Catalog transactions, every
    /// one: 1 the add's outbox row, 2 its deletion by the relay, 3-5 the first scan's commit, 6-7 the deletion of its
    /// 120 outbox rows, 8-9 the block's outbox row and its deletion, 10 the second scan's commit, 11 its deletion. Feed
    /// transactions: 1 the add's event, 2 and 4 of the first scan's three, 5 the block's, 6 the second scan's.
    /// </summary>
    public static TheoryData<string, TableOperationKind, int> CrashPoints()
    {
        var points = new TheoryData<string, TableOperationKind, int>();
        foreach (var write in Enumerable.Range(1, 4))
        {
            points.Add("allowlist", TableOperationKind.SingleWrite, write);
        }

        foreach (var transaction in Enumerable.Range(1, 11))
        {
            points.Add("catalog", TableOperationKind.Transaction, transaction);
        }

        foreach (var transaction in new[] { 1, 2, 4, 5, 6 })
        {
            points.Add("changes", TableOperationKind.Transaction, transaction);
        }

        return points;
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task After_a_crash_at_any_request_recovery_leaves_each_event_in_the_feed_once_gapless_and_in_order(
        string table, TableOperationKind kind, int occurrence)
    {
        var withoutCrash = await ExpectedAsync();

        var actual = await RunAsync((table, kind, occurrence));

        Assert.True(actual.Crashed, $"the scenario never reached {kind} #{occurrence} on {table}");
        Assert.Equal(withoutCrash.FeedIds, actual.FeedIds);
        Assert.Equal(Enumerable.Range(1, actual.FeedIds.Count).Select(i => (long)i), actual.Sequences);
        // At least once: every event of the feed was handed on, a crash between the append and the hand-on included.
        Assert.Subset(actual.PublishedIds, new HashSet<string>(actual.FeedIds, StringComparer.Ordinal));
        Assert.Equal(withoutCrash.Versions, actual.Versions);
    }

    // The run without a crash is the same for every case: made once.
    private async Task<Outcome> ExpectedAsync()
    {
        await ExpectedGate.WaitAsync();
        try
        {
            return expected ??= await RunAsync(crash: null);
        }
        finally
        {
            ExpectedGate.Release();
        }
    }

    private async Task<Outcome> RunAsync((string Table, TableOperationKind Kind, int Occurrence)? crash)
    {
        var prefix = StorageHarness.NewPrefix();
        var clock = new TestClock(Start);
        var crashed = false;
        var published = new HashSet<string>(StringComparer.Ordinal);
        var process = await StorageHarness.CreateAsync(azurite, prefix, clock);
        if (crash is { } point)
        {
            process.Faults.CrashAfter(prefix + point.Table, point.Kind, point.Occurrence);
        }

        var firstScan = Scans.Of(Repository, Start.AddMinutes(2), Scans.ManyVersions(120));
        var secondScan = Scans.Of(
            Repository,
            Start.AddMinutes(4),
            [.. Scans.ManyVersions(120).Where(v => v.Tag != "1.0.7").Select(v => v.Tag == "1.1.3" ? Scans.Version("1.1.3", "retagged") : v)]);
        Func<StorageHarness, Task>[] phases =
        [
            async s => await s.AllowList.AddAsync(Repository, "watched"),
            async s => await s.ScanAndCommitAsync(firstScan, relay: false),
            async s => await s.AllowList.BlockAsync(Repository, "1.0.1", "broken"),
            async s => await s.ScanAndCommitAsync(secondScan, relay: false),
        ];

        try
        {
            for (var phase = 0; phase < phases.Length; phase++)
            {
                clock.Now = Start.AddMinutes(1 + (2 * phase));
                try
                {
                    await phases[phase](process);
                    await process.RelayAsync(Repository);
                }
                catch (SimulatedCrashException)
                {
                    crashed = true;
                    published.UnionWith(process.Publisher.Published.Select(e => e.Id));
                    await process.DisposeAsync();

                    // A new process: the scheduler reads the allow-list and relays what is left; the scan runs again.
                    process = await StorageHarness.CreateAsync(azurite, prefix, clock);
                    await process.AllowList.ListAsync();
                    await process.RelayAsync(Repository);

                    // The scan runs again only if its commit did not finish: another scan would be a new revision.
                    var scansCommitted = (await process.Catalog.LoadAsync(Repository)).ScanCount;
                    if ((phase == 1 && scansCommitted < 1) || (phase == 3 && scansCommitted < 2))
                    {
                        await phases[phase](process);
                        await process.RelayAsync(Repository);
                    }
                }
            }

            published.UnionWith(process.Publisher.Published.Select(e => e.Id));
            var feed = await process.ReadWholeFeedAsync(pageSize: 50);
            var sequences = new List<long>();
            string? cursor = null;
            foreach (var _ in feed)
            {
                var page = await process.Feed.ReadAsync(cursor, 1);
                sequences.Add(ChangeFeedCursor.Parse(page.Cursor));
                cursor = page.Cursor;
            }

            var stored = await process.Catalog.LoadAsync(Repository);
            Assert.Empty(await process.Outbox.ReadAsync(Repository));
            return new Outcome(
                crashed,
                [.. feed.Select(e => e.Id)],
                sequences,
                published,
                [.. stored.Versions.Select(v => $"{v.Version} {v.Digest} {v.MissedScans}").Order(StringComparer.Ordinal)]);
        }
        finally
        {
            await process.DisposeAsync();
        }
    }

    private sealed record Outcome(bool Crashed, List<string> FeedIds, List<long> Sequences, HashSet<string> PublishedIds, List<string> Versions);
}
