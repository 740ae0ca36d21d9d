using Scanner.Application.Catalog;
using Scanner.Core.Changes;
using Scanner.Storage.Accounting;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Catalog;

[Collection(AzuriteCollection.Name)]
public class CommitScanTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task First_scan_stores_versions_and_the_feed_announces_each_once()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var scan = Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0"), Scans.Version("1.1.0-beta.1"), Scans.Version("2.0.0", labels: new Dictionary<string, string>()));

        var changes = await storage.ScanAndCommitAsync(scan);

        var stored = await storage.Catalog.LoadAsync(repository);
        Assert.Equal(1, stored.ScanCount);
        Assert.Equal(["1.0.0", "1.1.0-beta.1", "2.0.0"], stored.Versions.Select(v => v.Version).Order(StringComparer.Ordinal));
        Assert.False(stored.Versions.Single(v => v.Version == "2.0.0").IsValid);
        var feed = await storage.ReadWholeFeedAsync();
        Assert.Equal(changes.Events.Select(e => e.Id), feed.Select(e => e.Id));
        Assert.Equal(changes.Events.Select(e => e.Id), storage.Publisher.Published.Select(e => e.Id));
        Assert.Equal(0, await storage.RelayAsync(repository));
    }

    [Fact]
    public async Task Two_scanners_committing_one_repository_at_once_one_wins_and_the_retry_emits_no_duplicate()
    {
        var prefix = StorageHarness.NewPrefix();
        await using var first = await StorageHarness.CreateAsync(azurite, prefix);
        await using var second = await StorageHarness.CreateAsync(azurite, prefix);
        var repository = Scans.Repository();
        await first.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0")));
        var scan = Scans.Of(repository, Scans.Epoch.AddHours(1), Scans.Version("1.0.0"), Scans.Version("1.1.0"), Scans.Version("1.2.0"));

        for (var round = 0; round < 3; round++)
        {
            // Both load the same state and detect the same change, then commit together.
            var stored = await first.Catalog.LoadAsync(repository);
            var changes = ChangeDetector.Detect(stored, scan with { ScannedAt = scan.ScannedAt.AddMinutes(round) });
            var results = await Task.WhenAll(first.Catalog.CommitScanAsync(changes), second.Catalog.CommitScanAsync(changes));

            Assert.Single(results, r => r == CommitResult.Committed);
            Assert.Single(results, r => r == CommitResult.Conflict);
        }

        // The loser retries: it reloads, detects nothing new and commits no event.
        var retry = await second.ScanAndCommitAsync(scan);
        Assert.Empty(retry.Events);
        await first.RelayAllAsync(repository);
        await second.RelayAllAsync(repository);
        var feed = await first.ReadWholeFeedAsync();
        Assert.Equal(feed.Count, feed.Select(e => e.Id).Distinct().Count());
        Assert.Equal(3, feed.Count);
    }

    [Fact]
    public async Task Concurrent_first_scans_of_a_large_repository_let_exactly_one_commit()
    {
        var prefix = StorageHarness.NewPrefix();
        await using var first = await StorageHarness.CreateAsync(azurite, prefix);
        await using var second = await StorageHarness.CreateAsync(azurite, prefix);
        var repository = Scans.Repository();
        var scan = Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(150));
        var changes = ChangeDetector.Detect(await first.Catalog.LoadAsync(repository), scan);

        var results = await Task.WhenAll(first.Catalog.CommitScanAsync(changes), second.Catalog.CommitScanAsync(changes));

        Assert.Single(results, r => r == CommitResult.Committed);
        Assert.Single(results, r => r == CommitResult.Conflict);
        var retry = await second.ScanAndCommitAsync(scan);
        Assert.Empty(retry.Events);
        await first.RelayAllAsync(repository);
        var feed = await first.ReadWholeFeedAsync();
        Assert.Equal(150, feed.Select(e => e.Id).Distinct().Count());
        Assert.Equal(150, feed.Count);
    }

    [Fact]
    public async Task First_scan_of_600_tags_commits_in_several_transactions_and_an_interrupted_one_is_completed_by_the_next_scan()
    {
        var prefix = StorageHarness.NewPrefix();
        var repository = Scans.Repository();
        var scan = Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(600));
        await using (var crashing = await StorageHarness.CreateAsync(azurite, prefix))
        {
            crashing.Faults.CrashAfter(crashing.Tables.Catalog.Name, TableOperationKind.Transaction, occurrence: 2);
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.ScanAndCommitAsync(scan));

            // Two transactions' worth is stored, not yet counted as a scan, and every stored version is in the outbox.
            var prefixState = await crashing.Catalog.LoadAsync(repository);
            Assert.Equal(0, prefixState.ScanCount);
            Assert.InRange(prefixState.Versions.Count, 2, 200);
            Assert.Equal(prefixState.Versions.Count, await crashing.RelayAsync(repository));
        }

        await using var next = await StorageHarness.CreateAsync(azurite, prefix);
        var before = next.Counter.Snapshot();
        await next.ScanAndCommitAsync(scan, relay: false);
        var transactions = next.Counter.Snapshot().Minus(before).Transactions;
        await next.RelayAsync(repository);

        var stored = await next.Catalog.LoadAsync(repository);
        Assert.Equal(1, stored.ScanCount);
        Assert.Equal(600, stored.Versions.Count);
        Assert.True(transactions > 1, $"the rest of the first scan took {transactions} transactions");
        var feed = await next.ReadWholeFeedAsync();
        Assert.Equal(600, feed.Count);
        Assert.Equal(600, feed.Select(e => e.Subject).Distinct().Count());
    }

    [Fact]
    public async Task A_full_first_scan_of_600_tags_takes_several_transactions()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();

        var before = storage.Counter.Snapshot();

        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(600)), relay: false);

        // 600 versions, each with its event's outbox row, and the state row in each: 49 versions per transaction.
        var commits = storage.Counter.Snapshot().Minus(before).Transactions;
        Assert.True(commits >= 7, $"{commits} transactions");
        Assert.Equal(600, (await storage.Catalog.LoadAsync(repository)).Versions.Count);
    }

    [Fact]
    public async Task Warm_scan_without_change_writes_only_the_state_row()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var scan = Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(30));
        await storage.ScanAndCommitAsync(scan);
        var before = storage.Counter.Snapshot();

        var changes = await storage.ScanAndCommitAsync(scan with { ScannedAt = Scans.Epoch.AddHours(1) }, relay: false);

        var used = storage.Counter.Snapshot().Minus(before);
        Assert.Empty(changes.Events);
        Assert.Equal(0, used.Transactions);
        Assert.Equal(1, used.SingleWrites);
        Assert.Equal(1, used.PointReads);
        Assert.Equal(2, (await storage.Catalog.LoadAsync(repository)).ScanCount);
    }

    [Fact]
    public async Task Withdrawn_and_retagged_versions_are_stored_and_announced()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0"), Scans.Version("1.1.0")));
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch.AddHours(1), Scans.Version("1.1.0", "moved")));
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch.AddHours(2), Scans.Version("1.1.0", "moved")));

        var stored = await storage.Catalog.LoadAsync(repository);
        var only = Assert.Single(stored.Versions);
        Assert.Equal(Scans.Digest("moved"), only.Digest);
        var types = (await storage.ReadWholeFeedAsync()).Select(e => e.Type).ToList();

        // Whether the labels are valid is Core's verdict; storage announces it either way.
        var firstSeen = Scans.Version("1.0.0").Labels.IsValid ? ChangeEventTypes.VersionPublished : ChangeEventTypes.VersionRejected;
        Assert.Equal([firstSeen, firstSeen, ChangeEventTypes.VersionRetagged, ChangeEventTypes.VersionWithdrawn], types);
    }
}
