using Scanner.Application.Catalog;
using Scanner.Core.Changes;
using Scanner.Storage.Accounting;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Catalog;

[Collection(AzuriteCollection.Name)]
public class OutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azurite_stopped_mid_commit_gives_a_clear_error_and_after_restart_holds_whole_transactions_only()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var scan = Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(150));
        var changes = ChangeDetector.Detect(await storage.Catalog.LoadAsync(repository), scan);
        storage.Faults.RunAfter(storage.Tables.Catalog.Name, TableOperationKind.Transaction, () => azurite.StopAsync());

        StorageUnavailableException error;
        try
        {
            error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.Catalog.CommitScanAsync(changes));
        }
        finally
        {
            await azurite.StartAsync();
        }

        Assert.Contains($"revision 1 of {repository}", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 of 4 transactions were committed", error.Message, StringComparison.Ordinal);

        // Exactly the first transaction's versions, with their events in the outbox: a prefix, never a torn write.
        var stored = await storage.Catalog.LoadAsync(repository);
        Assert.Equal(0, stored.ScanCount);
        var firstTransaction = changes.Upserts.Take(49).Select(v => v.Version).Order(StringComparer.Ordinal);
        Assert.Equal(firstTransaction, stored.Versions.Select(v => v.Version).Order(StringComparer.Ordinal));
        Assert.Equal(49, await storage.RelayAsync(repository));

        await storage.ScanAndCommitAsync(scan);
        var feed = await storage.ReadWholeFeedAsync();
        Assert.Equal(changes.Events.Select(e => e.Id), feed.Select(e => e.Id));
        Assert.Equal(150, (await storage.Catalog.LoadAsync(repository)).Versions.Count);
    }

    [Fact]
    public async Task A_commit_while_Azurite_is_down_fails_clearly_and_changes_nothing()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0")));
        var stored = await storage.Catalog.LoadAsync(repository);
        var changes = ChangeDetector.Detect(stored, Scans.Of(repository, Scans.Epoch.AddHours(1), Scans.Version("1.0.0"), Scans.Version("1.1.0")));

        await azurite.StopAsync();
        try
        {
            var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.Catalog.CommitScanAsync(changes));
            Assert.Contains("0 of 1 transactions were committed", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await azurite.StartAsync();
        }

        var after = await storage.Catalog.LoadAsync(repository);
        Assert.Equal(stored.ScanCount, after.ScanCount);
        Assert.Equal(stored.ConcurrencyToken, after.ConcurrencyToken);
        Assert.Equal(["1.0.0"], after.Versions.Select(v => v.Version));
        Assert.Equal(CommitResult.Committed, await storage.Catalog.CommitScanAsync(changes));
    }

    [Fact]
    public async Task Every_adapter_meets_an_outage_with_storage_unavailable_within_seconds()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0")), relay: false);
        var entries = await storage.Outbox.ReadAsync(repository);
        var state = await storage.ScanState.ReadAsync(repository);
        (string Name, Func<Task> Call)[] calls =
        [
            ("feed read", () => storage.Feed.ReadAsync(null, 10)),
            ("feed read by id", () => storage.Feed.ReadByIdsAsync(["some-event"])),
            ("feed append", () => storage.FeedWriter.AppendAsync(entries)),
            ("snapshot refresh", () => storage.Snapshots.RefreshAsync()),
            ("catalog load", () => storage.Catalog.LoadAsync(repository)),
            ("outbox append", () => storage.Catalog.AppendOutboxAsync(repository, [.. entries.Select(e => e.Event)])),
            ("outbox read", () => storage.Outbox.ReadAsync(repository)),
            ("outbox sweep", () => storage.Outbox.ReadWrittenBeforeAsync(DateTimeOffset.UtcNow)),
            ("outbox age", () => storage.Outbox.OldestAsync()),
            ("outbox delete", () => storage.Outbox.DeleteAsync(entries)),
            ("scan state read", () => storage.ScanState.ReadAsync(repository)),
            ("scan state write", () => storage.ScanState.TryWriteAsync(state, Application.Scanning.ScanBookkeeping.None)),
            ("scan state list", () => storage.ScanState.ListAsync()),
            ("allow-list", () => storage.AllowList.ListAsync()),
            ("allow-list add", () => storage.AllowList.AddAsync(repository, null)),
            ("subscribers", () => storage.Subscribers.ListAsync()),
            ("unpublishable", () => storage.Unpublishable.ListAsync()),
            ("probe", () => storage.Probe.ProbeAsync()),
            ("scan request", () => storage.ScanRequests.EnqueueAsync(Application.Scanning.ScanRequest.For(repository, Scans.Epoch, "test"), TimeSpan.Zero)),
            ("delivery request", () => storage.SubscriberDeliveries.EnqueueAsync([new("hook", ["e1"])])),
            ("poison counts", () => storage.PoisonQueues.CountAsync()),
        ];

        await azurite.StopAsync();
        try
        {
            foreach (var (name, call) in calls)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var error = await Record.ExceptionAsync(call);
                Assert.True(error is StorageUnavailableException, $"{name}: {error?.GetType().Name ?? "no exception"} {error?.Message}");
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{name} took {clock.Elapsed.TotalSeconds:F1} s to give up");
            }
        }
        finally
        {
            await azurite.StartAsync();
        }

        await storage.Probe.ProbeAsync();
    }
}
