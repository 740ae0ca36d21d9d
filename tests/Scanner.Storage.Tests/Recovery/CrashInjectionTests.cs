using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage.Steps;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Recovery;

/// <summary>
/// Runs one scenario (allow-list add, a first scan in three transactions, a block, a second scan with a retag and a
/// missing tag) and stops it after a chosen step as a crash would; a fresh process then recovers the way the service
/// does (reading the allow-list, relaying, scanning again). The feed must end exactly as without the crash.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class CrashInjectionTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly RepositoryName Repository = Scans.Repository("ghcr.io/acme/crash-test");

    public static TheoryData<string, int> Steps => new()
    {
        { StorageSteps.AllowListRowWritten, 1 },
        { StorageSteps.AllowListRowWritten, 2 },
        { StorageSteps.AllowListOutboxWritten, 1 },
        { StorageSteps.AllowListOutboxWritten, 2 },
        { StorageSteps.CommitTransactionNumber(1), 1 },
        { StorageSteps.CommitTransactionNumber(2), 1 },
        { StorageSteps.CommitTransactionNumber(3), 1 },
        { StorageSteps.CommitTransactionNumber(1), 2 },
        { StorageSteps.RelayAppended, 1 },
        { StorageSteps.RelayAppended, 3 },
        { StorageSteps.RelayPublished, 2 },
        { StorageSteps.RelayPublished, 4 },
        { StorageSteps.RelayDeleted, 1 },
        { StorageSteps.RelayDeleted, 3 },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task After_a_crash_at_any_step_recovery_leaves_each_event_in_the_feed_once_gapless_and_in_order(string step, int occurrence)
    {
        var expected = await RunAsync(crashStep: null, occurrence: 0);

        var actual = await RunAsync(step, occurrence);

        Assert.True(actual.Crashed, $"the scenario never reached {step} #{occurrence}");
        Assert.Equal(expected.FeedIds, actual.FeedIds);
        Assert.Equal(Enumerable.Range(1, actual.FeedIds.Count).Select(i => (long)i), actual.Sequences);
        Assert.Subset(actual.PublishedIds, new HashSet<string>(actual.FeedIds, StringComparer.Ordinal));
        Assert.Equal(expected.Versions, actual.Versions);
    }

    private async Task<Outcome> RunAsync(string? crashStep, int occurrence)
    {
        var prefix = StorageHarness.NewPrefix();
        var clock = new TestClock(Start);
        var crashed = false;
        var published = new HashSet<string>(StringComparer.Ordinal);
        var process = await StorageHarness.CreateAsync(azurite, prefix, clock);
        if (crashStep is not null)
        {
            process.Hook.CrashAfter(crashStep, occurrence);
        }

        var firstScan = Scans.Of(Repository, Start.AddMinutes(2), Scans.ManyVersions(120));
        var secondScan = Scans.Of(
            Repository,
            Start.AddMinutes(4),
            [.. Scans.ManyVersions(120).Where(v => v.Tag != "1.0.7").Select(v => v.Tag == "1.1.3" ? Scans.Version("1.1.3", "retagged") : v)]);
        Func<StorageHarness, Task>[] phases =
        [
            async s => await s.AllowList.AddAsync(Repository, "watched"),
            async s => await s.ScanAndCommitAsync(firstScan),
            async s => await s.AllowList.BlockAsync(Repository, "1.0.1", "broken"),
            async s => await s.ScanAndCommitAsync(secondScan),
        ];

        try
        {
            for (var phase = 0; phase < phases.Length; phase++)
            {
                clock.Now = Start.AddMinutes(1 + (2 * phase));
                try
                {
                    await phases[phase](process);
                    await process.Relay.RelayAsync(Repository);
                }
                catch (SimulatedCrashException)
                {
                    crashed = true;
                    published.UnionWith(process.Publisher.Published.Select(e => e.Id));
                    await process.DisposeAsync();

                    // A new process: the scheduler reads the allow-list and relays what is left; the scan runs again.
                    process = await StorageHarness.CreateAsync(azurite, prefix, clock);
                    await process.AllowList.ListAsync();
                    await process.Relay.RelayAsync(Repository);
                    // The scan runs again only if its commit did not finish: another scan would be a new revision.
                    var scansCommitted = (await process.Catalog.LoadAsync(Repository)).ScanCount;
                    if ((phase == 1 && scansCommitted < 1) || (phase == 3 && scansCommitted < 2))
                    {
                        await phases[phase](process);
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
                sequences.Add(Scanner.Storage.Feed.ChangeFeedCursor.Parse(page.Cursor));
                cursor = page.Cursor;
            }

            var stored = await process.Catalog.LoadAsync(Repository);
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
