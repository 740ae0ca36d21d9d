using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Snapshot;

[Collection(AzuriteCollection.Name)]
public class SnapshotSourceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Refresh_costs_one_point_read_while_the_feed_head_stays()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.AllowList.AddAsync(repository, null);
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(20)));
        var loaded = await storage.Snapshots.RefreshAsync();
        var before = storage.Counter.Snapshot();

        var again = await storage.Snapshots.RefreshAsync();

        var used = storage.Counter.Snapshot().Minus(before);
        Assert.Equal(1, used.PointReads);
        Assert.Equal(1, used.Total);
        Assert.Same(loaded, again);
        Assert.Equal(20, again.Catalog.Find(repository)!.Versions.Count);
        Assert.Equal(21, again.Sequence);
    }

    [Fact]
    public async Task When_the_head_moves_only_the_events_after_the_cursor_are_read_and_applied()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var other = Scans.Repository("ghcr.io/acme/other");
        await storage.AllowList.AddAsync(repository, null);
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(20)));
        var first = await storage.Snapshots.RefreshAsync();

        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch.AddHours(1), [.. Scans.ManyVersions(20).Skip(1), Scans.Version("3.0.0")]));
        await storage.AllowList.BlockAsync(repository, "3.0.0", "broken");
        await storage.AllowList.AddAsync(other, null);
        await storage.RelayAllAsync(repository, other);
        var before = storage.Counter.Snapshot();
        var second = await storage.Snapshots.RefreshAsync();
        var used = storage.Counter.Snapshot().Minus(before);

        // One point read of the head and one query page of new events: no reload of the tables.
        Assert.True(used.PointReads == 1, used.ToString());
        Assert.Equal(1, used.QueryPages);
        Assert.True(second.Sequence > first.Sequence);
        var extension = second.Catalog.Find(repository)!;
        Assert.Equal(21, extension.Versions.Count);
        Assert.True(extension.Find(NuGet.Versioning.SemanticVersion.Parse("3.0.0"))!.IsBlocked);
        Assert.NotNull(second.Catalog.Find(other));
        Assert.Same(first.Catalog.Find(other), null);

        // A process loading from scratch sees the same catalog.
        await using var fresh = await StorageHarness.CreateAsync(azurite, storage.Prefix);
        var reloaded = await fresh.Snapshots.RefreshAsync();
        Assert.Equal(second.Sequence, reloaded.Sequence);
        Assert.Equal(Describe(second), Describe(reloaded));
    }

    [Fact]
    public async Task A_removed_extension_and_a_withdrawn_version_leave_the_snapshot()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var kept = Scans.Repository("ghcr.io/acme/kept");
        var removed = Scans.Repository("ghcr.io/acme/removed");
        await storage.AllowList.AddAsync(kept, null);
        await storage.AllowList.AddAsync(removed, null);
        await storage.ScanAndCommitAsync(Scans.Of(kept, Scans.Epoch, Scans.Version("1.0.0"), Scans.Version("1.1.0")));
        await storage.RelayAllAsync(removed);
        await storage.Snapshots.RefreshAsync();

        await storage.AllowList.RemoveAsync(removed);
        await storage.ScanAndCommitAsync(Scans.Of(kept, Scans.Epoch.AddHours(1), Scans.Version("1.1.0")));
        await storage.ScanAndCommitAsync(Scans.Of(kept, Scans.Epoch.AddHours(2), Scans.Version("1.1.0")));
        await storage.RelayAllAsync(removed, kept);
        var view = await storage.Snapshots.RefreshAsync();

        Assert.Null(view.Catalog.Find(removed));
        Assert.Equal(["1.1.0"], view.Catalog.Find(kept)!.Versions.Select(v => v.Record.Version));
    }

    private static List<string> Describe(Application.Catalog.CatalogSnapshotView view) =>
    [
        .. view.Catalog.Extensions.SelectMany(e => e.Versions.Select(v =>
            $"{e.Repository} {v.Record.Version} {v.Record.Digest} {v.IsBlocked} {v.Record.IsValid}")),
    ];
}
