using Scanner.Application.Relay;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Storage.Accounting;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Feed;

[Collection(AzuriteCollection.Name)]
public class ChangeFeedWriterTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Four_writers_appending_500_outbox_entries_at_once_give_the_feed_sequence_1_to_500_with_each_event_once()
    {
        var prefix = StorageHarness.NewPrefix();
        var writers = new List<StorageHarness>();
        for (var i = 0; i < 4; i++)
        {
            writers.Add(await StorageHarness.CreateAsync(azurite, prefix));
        }

        try
        {
            RepositoryName[] repositories = [.. Enumerable.Range(0, 5).Select(i => Scans.Repository($"ghcr.io/acme/relay-{i}"))];
            var entries = new List<IReadOnlyList<OutboxEntry>>();
            foreach (var repository in repositories)
            {
                entries.Add(await OutboxOfAsync(writers[0], repository, 100));
            }

            // Each writer walks the repositories from a different starting point, so they meet on every batch.
            var appended = await Task.WhenAll(writers.Select((writer, index) => Task.Run(async () =>
            {
                var count = 0;
                for (var i = 0; i < repositories.Length; i++)
                {
                    count += await writer.FeedWriter.AppendAsync(entries[(i + index) % repositories.Length]);
                }

                return count;
            })));

            Assert.Equal(500, appended.Sum());
            var feed = await writers[0].ReadWholeFeedAsync(pageSize: 64);
            Assert.Equal(entries.SelectMany(e => e).Select(e => e.Event.Id).Order(StringComparer.Ordinal), feed.Select(e => e.Id).Order(StringComparer.Ordinal));
            Assert.Equal(500, await writers[0].HeadAsync());

            // Each repository's events keep their commit order, whoever appended them.
            foreach (var repositoryEntries in entries)
            {
                var ids = repositoryEntries.Select(e => e.Event.Id).ToHashSet(StringComparer.Ordinal);
                Assert.Equal(repositoryEntries.Select(e => e.Event.Id), feed.Where(e => ids.Contains(e.Id)).Select(e => e.Id));
            }
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Appending_again_after_a_crash_between_feed_transactions_gives_each_event_once()
    {
        var prefix = StorageHarness.NewPrefix();
        var repository = Scans.Repository();
        IReadOnlyList<OutboxEntry> entries;
        await using (var crashing = await StorageHarness.CreateAsync(azurite, prefix))
        {
            entries = await OutboxOfAsync(crashing, repository, 120);
            crashing.Faults.CrashAfter(crashing.Tables.Changes.Name, TableOperationKind.Transaction);

            await Assert.ThrowsAsync<SimulatedCrashException>(() => crashing.FeedWriter.AppendAsync(entries));
            Assert.Equal(49, await crashing.HeadAsync());
        }

        await using var next = await StorageHarness.CreateAsync(azurite, prefix);
        Assert.Equal(120 - 49, await next.FeedWriter.AppendAsync(entries));
        Assert.Equal(0, await next.FeedWriter.AppendAsync(entries));

        var feed = await next.ReadWholeFeedAsync();
        Assert.Equal(entries.Select(e => e.Event.Id), feed.Select(e => e.Id));
    }

    [Fact]
    public async Task An_entry_list_of_any_length_is_appended_in_transactions_within_the_service_limit()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var entries = await OutboxOfAsync(storage, Scans.Repository(), 230);
        var before = storage.Counter.Snapshot();

        Assert.Equal(230, await storage.FeedWriter.AppendAsync(entries));

        // 49 events per transaction (counter + feed row + index row each, within 100 actions).
        Assert.Equal(5, storage.Counter.Snapshot().Minus(before).Transactions);
        Assert.Equal(230, await storage.HeadAsync());
    }

    [Fact]
    public async Task Events_are_read_by_id_in_feed_order_without_unknown_ids_or_repeats()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var entries = await OutboxOfAsync(storage, Scans.Repository(), 40);
        await storage.FeedWriter.AppendAsync(entries);

        // More ids than one filter may compare, out of order, one twice, one unknown.
        var wanted = entries.Select(e => e.Event.Id).Where((_, i) => i % 2 == 0).Reverse().ToList();
        var events = await storage.Feed.ReadByIdsAsync([.. wanted, wanted[0], "no-such-event"]);

        Assert.Equal(entries.Select(e => e.Event.Id).Where((_, i) => i % 2 == 0), events.Select(e => e.Id));
        Assert.Empty(await storage.Feed.ReadByIdsAsync([]));
    }

    /// <summary>The outbox of a first scan of <paramref name="versions"/> versions, committed and read back.</summary>
    private static async Task<IReadOnlyList<OutboxEntry>> OutboxOfAsync(StorageHarness storage, RepositoryName repository, int versions)
    {
        var changes = ChangeDetector.Detect(
            Core.Scanning.StoredRepository.Empty(repository),
            Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(versions)));
        await storage.Catalog.AppendOutboxAsync(repository, changes.Events);
        var entries = await storage.Outbox.ReadAsync(repository);
        Assert.Equal(changes.Events.Select(e => e.Id), entries.Select(e => e.Event.Id));
        return entries;
    }
}
