using Scanner.Core.Changes;
using Scanner.Storage.Accounting;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.AllowList;

[Collection(AzuriteCollection.Name)]
public class AllowListStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Add_list_block_unblock_and_remove_each_take_effect_once_and_announce_themselves()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var a = Scans.Repository("docker.io/acme/b-extension");
        var b = Scans.Repository("ghcr.io/acme/a-extension");

        Assert.True(await Tick(storage).AllowList.AddAsync(a, "first"));
        Assert.False(await Tick(storage).AllowList.AddAsync(a, "again"));
        Assert.True(await Tick(storage).AllowList.AddAsync(b, null));
        Assert.Equal([a, b], (await storage.AllowList.ListAsync()).Select(e => e.Repository));

        Assert.True(await Tick(storage).AllowList.BlockAsync(a, "1.2.3-beta.1", "crashes on start"));
        Assert.False(await Tick(storage).AllowList.BlockAsync(a, "1.2.3-beta.1", "twice"));
        Assert.True(await Tick(storage).AllowList.BlockAsync(a, "2.0.0", null));
        var entry = await storage.AllowList.GetAsync(a);
        Assert.NotNull(entry);
        Assert.Equal("first", entry.Note);
        Assert.Equal(["1.2.3-beta.1", "2.0.0"], entry.BlockedVersions.Order(StringComparer.Ordinal));

        Assert.True(await Tick(storage).AllowList.UnblockAsync(a, "2.0.0"));
        Assert.False(await Tick(storage).AllowList.UnblockAsync(a, "2.0.0"));
        Assert.Equal(["1.2.3-beta.1"], (await storage.AllowList.GetAsync(a))!.BlockedVersions);

        Assert.True(await Tick(storage).AllowList.RemoveAsync(b));
        Assert.False(await Tick(storage).AllowList.RemoveAsync(b));
        Assert.Null(await storage.AllowList.GetAsync(b));
        Assert.False(await Tick(storage).AllowList.BlockAsync(b, "1.0.0", null));
        Assert.Equal([a], (await storage.AllowList.ListAsync()).Select(e => e.Repository));

        await storage.RelayAllAsync(a, b);
        var feed = await storage.ReadWholeFeedAsync();
        Assert.Equal(
            [
                ChangeEventTypes.ExtensionAdded, ChangeEventTypes.VersionBlocked, ChangeEventTypes.VersionBlocked, ChangeEventTypes.VersionUnblocked,
                ChangeEventTypes.ExtensionAdded, ChangeEventTypes.ExtensionRemoved,
            ],
            feed.Select(e => e.Type));
        Assert.Equal("1.2.3-beta.1", feed[1].Subject);
    }

    [Fact]
    public async Task A_repository_removed_and_added_again_is_announced_each_time()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await Tick(storage).AllowList.AddAsync(repository, null);
        await Tick(storage).AllowList.RemoveAsync(repository);
        await Tick(storage).AllowList.AddAsync(repository, "back");

        await storage.RelayAllAsync(repository);

        var feed = await storage.ReadWholeFeedAsync();
        Assert.Equal([ChangeEventTypes.ExtensionAdded, ChangeEventTypes.ExtensionRemoved, ChangeEventTypes.ExtensionAdded], feed.Select(e => e.Type));
        Assert.Equal(3, feed.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_version_that_is_not_SemVer_cannot_be_blocked()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await Tick(storage).AllowList.AddAsync(repository, null);

        await Assert.ThrowsAsync<ArgumentException>(() => storage.AllowList.BlockAsync(repository, "latest", null));
    }

    [Fact]
    public async Task A_change_interrupted_before_its_event_reached_the_outbox_is_finished_by_the_next_reader()
    {
        var prefix = StorageHarness.NewPrefix();
        var repository = Scans.Repository();
        await using (var crashing = await StorageHarness.CreateAsync(azurite, prefix))
        {
            crashing.Faults.CrashAfter(crashing.Tables.AllowList.Name, TableOperationKind.SingleWrite);
            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.AllowList.AddAsync(repository, "note"));
        }

        await using var next = await StorageHarness.CreateAsync(azurite, prefix);
        Assert.NotNull(await next.AllowList.GetAsync(repository));
        Assert.Equal(1, await next.RelayAsync(repository));
        Assert.Equal(ChangeEventTypes.ExtensionAdded, Assert.Single(await next.ReadWholeFeedAsync()).Type);
    }

    // Changes are ordered by their time; the test clock stands still unless moved.
    private static StorageHarness Tick(StorageHarness storage)
    {
        storage.Clock.Now = storage.Clock.Now.AddMilliseconds(1);
        return storage;
    }
}
