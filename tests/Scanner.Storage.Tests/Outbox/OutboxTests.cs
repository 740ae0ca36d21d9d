using Scanner.Core.Changes;
using Scanner.Storage.Events;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Outbox;

[Collection(AzuriteCollection.Name)]
public class OutboxTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_repository_outbox_reads_in_commit_order_with_each_event_as_stored()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var changes = await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(30)), relay: false);

        var entries = await storage.Outbox.ReadAsync(repository);

        Assert.Equal(changes.Events.Select(e => e.Id), entries.Select(e => e.Event.Id));
        Assert.All(entries, e => Assert.Equal(repository, e.Repository));
        Assert.All(entries, e => Assert.Equal(EventSerializer.Serialize(e.Event), e.Json.ToArray()));
        Assert.All(entries, e => Assert.InRange(e.WrittenAt, before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.Empty(await storage.Outbox.ReadAsync(Scans.Repository("ghcr.io/acme/other")));
    }

    [Fact]
    public async Task Entries_written_before_a_cutoff_are_read_across_repositories_in_commit_order_per_repository()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var a = Scans.Repository("ghcr.io/acme/a");
        var b = Scans.Repository("127.0.0.1:5000/acme/b");
        var committed = new List<ChangeSet>();
        foreach (var repository in new[] { a, b })
        {
            committed.Add(await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0"), Scans.Version("2.0.0")), relay: false));
        }

        Assert.Empty(await storage.Outbox.ReadWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(-10)));
        var stale = await storage.Outbox.ReadWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(10));

        Assert.Equal(4, stale.Count);
        foreach (var changes in committed)
        {
            Assert.Equal(changes.Events.Select(e => e.Id), stale.Where(e => e.Repository == changes.Before.Repository).Select(e => e.Event.Id));
        }
    }

    [Fact]
    public async Task The_oldest_entry_is_none_for_an_empty_outbox_and_the_first_written_otherwise()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        Assert.Null(await storage.Outbox.OldestAsync());
        await storage.ScanAndCommitAsync(Scans.Of(Scans.Repository("ghcr.io/acme/a"), Scans.Epoch, Scans.Version("1.0.0")), relay: false);
        await storage.ScanAndCommitAsync(Scans.Of(Scans.Repository("ghcr.io/acme/b"), Scans.Epoch, Scans.Version("1.0.0")), relay: false);

        var oldest = await storage.Outbox.OldestAsync();

        var all = await storage.Outbox.ReadWrittenBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Equal(all.Min(e => e.WrittenAt), oldest);
    }

    [Fact]
    public async Task Deleting_entries_twice_or_some_already_gone_is_not_an_error()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(150)), relay: false);
        var entries = await storage.Outbox.ReadAsync(repository);

        await storage.Outbox.DeleteAsync([.. entries.Where((_, i) => i % 3 == 0)]);
        await storage.Outbox.DeleteAsync(entries);
        await storage.Outbox.DeleteAsync(entries);

        Assert.Empty(await storage.Outbox.ReadAsync(repository));
        Assert.Null(await storage.Outbox.OldestAsync());
    }
}
