using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Feed;

[Collection(AzuriteCollection.Name)]
public class ChangeFeedTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Pages_follow_the_cursor_in_sequence_order_and_an_empty_page_keeps_the_cursor()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var changes = await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.ManyVersions(10)));

        var first = await storage.Feed.ReadAsync(null, 4);
        var second = await storage.Feed.ReadAsync(first.Cursor, 4);
        var third = await storage.Feed.ReadAsync(second.Cursor, 4);
        var end = await storage.Feed.ReadAsync(third.Cursor, 4);

        Assert.Equal([4, 4, 2, 0], new[] { first, second, third, end }.Select(p => p.Events.Count));
        Assert.Equal(changes.Events.Select(e => e.Id), first.Events.Concat(second.Events).Concat(third.Events).Select(e => e.Id));
        Assert.Equal(third.Cursor, end.Cursor);

        // A later event continues from the cursor the reader holds.
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch.AddHours(1), [.. Scans.ManyVersions(10), Scans.Version("9.0.0")]));
        var next = await storage.Feed.ReadAsync(end.Cursor, 4);
        Assert.Equal("9.0.0", Assert.Single(next.Events).Subject);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("czotMQ")]
    [InlineData("")]
    public async Task A_cursor_the_feed_did_not_issue_is_refused(string cursor)
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);

        await Assert.ThrowsAsync<FormatException>(() => storage.Feed.ReadAsync(cursor, 10));
    }
}
