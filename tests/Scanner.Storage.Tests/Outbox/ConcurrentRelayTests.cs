using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Storage.Feed;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Outbox;

[Collection(AzuriteCollection.Name)]
public class ConcurrentRelayTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Four_relays_over_500_outbox_events_give_the_feed_sequence_1_to_500_with_each_event_once()
    {
        var prefix = StorageHarness.NewPrefix();
        var relays = new List<StorageHarness>();
        for (var i = 0; i < 4; i++)
        {
            relays.Add(await StorageHarness.CreateAsync(azurite, prefix));
        }

        try
        {
            RepositoryName[] repositories = [.. Enumerable.Range(0, 5).Select(i => Scans.Repository($"ghcr.io/acme/relay-{i}"))];
            var events = new List<CloudEvent>();
            foreach (var repository in repositories)
            {
                var changes = ChangeDetector.Detect(
                    Core.Scanning.StoredRepository.Empty(repository),
                    Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(100)));
                events.AddRange(changes.Events);
                await relays[0].Catalog.AppendOutboxAsync(repository, changes.Events);
            }

            // Each relay walks the repositories from a different starting point, so they meet on every partition.
            await Task.WhenAll(relays.Select((relay, index) => Task.Run(async () =>
            {
                for (var i = 0; i < repositories.Length; i++)
                {
                    await relay.Relay.RelayAsync(repositories[(i + index) % repositories.Length]);
                }
            })));

            var feed = await relays[0].ReadWholeFeedAsync(pageSize: 64);
            Assert.Equal(500, feed.Count);
            Assert.Equal(events.Select(e => e.Id).Order(StringComparer.Ordinal), feed.Select(e => e.Id).Order(StringComparer.Ordinal));
            Assert.Equal(500, await relays[0].HeadAsync());
            var sequences = new List<long>();
            string? cursor = null;
            for (var page = await relays[1].Feed.ReadAsync(cursor, 1); page.Events.Count > 0; page = await relays[1].Feed.ReadAsync(cursor, 1))
            {
                cursor = page.Cursor;
                sequences.Add(ChangeFeedCursor.Parse(cursor));
            }

            Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), sequences);
            Assert.Equal(0, await relays[2].Relay.RelayStaleAsync(TimeSpan.Zero));
        }
        finally
        {
            foreach (var relay in relays)
            {
                await relay.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Stale_outbox_rows_of_any_repository_are_relayed_by_the_sweep()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repositories = new[] { Scans.Repository("ghcr.io/acme/a"), Scans.Repository("127.0.0.1:5000/acme/b") };
        foreach (var repository in repositories)
        {
            await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0"), Scans.Version("2.0.0")), relay: false);
        }

        storage.Clock.Now = DateTimeOffset.UtcNow.AddMinutes(-10);
        Assert.Equal(0, await storage.Relay.RelayStaleAsync(TimeSpan.FromMinutes(1)));

        storage.Clock.Now = DateTimeOffset.UtcNow.AddMinutes(10);
        Assert.Equal(4, await storage.Relay.RelayStaleAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(4, (await storage.ReadWholeFeedAsync()).Count);
    }
}
