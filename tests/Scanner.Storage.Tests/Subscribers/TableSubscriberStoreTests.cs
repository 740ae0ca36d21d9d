using Scanner.Application.Subscribers;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Subscribers;

[Collection(AzuriteCollection.Name)]
public sealed class TableSubscriberStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Put_then_get_returns_the_subscriber_with_its_secret_and_filters()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var store = storage.Subscribers;
        var subscriber = new Subscriber("hook-1", new Uri("https://hooks.example.com/scanner?tenant=7"), "s3cret", ["extension.added", "extension.removed"], Created);

        await store.UpsertAsync(subscriber);
        var read = await store.GetAsync("hook-1");

        Assert.NotNull(read);
        Assert.Equal(subscriber.Url, read.Url);
        Assert.Equal("s3cret", read.Secret);
        Assert.Equal(subscriber.EventTypes, read.EventTypes);
        Assert.Equal(Created, read.CreatedAt);
    }

    [Fact]
    public async Task Put_replaces_and_list_returns_every_subscriber()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var store = storage.Subscribers;
        await store.UpsertAsync(new Subscriber("a", new Uri("https://a.example.com/"), "one", [], Created));
        await store.UpsertAsync(new Subscriber("b", new Uri("https://b.example.com/"), "two", [], Created));
        await store.UpsertAsync(new Subscriber("a", new Uri("https://a2.example.com/"), "three", ["extension.added"], Created));

        var all = await store.ListAsync();

        Assert.Equal(["a", "b"], all.Select(s => s.Id).Order(StringComparer.Ordinal));
        var a = all.Single(s => s.Id == "a");
        Assert.Equal(("https://a2.example.com/", "three"), (a.Url.AbsoluteUri, a.Secret));
        Assert.Equal(["extension.added"], a.EventTypes);
    }

    [Fact]
    public async Task Delete_reports_whether_there_was_one()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var store = storage.Subscribers;
        await store.UpsertAsync(new Subscriber("gone", new Uri("https://a.example.com/"), "x", [], Created));

        Assert.True(await store.DeleteAsync("gone"));
        Assert.False(await store.DeleteAsync("gone"));
        Assert.Null(await store.GetAsync("gone"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("with space")]
    public async Task Ids_that_cannot_be_row_keys_are_refused(string id)
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);

        await Assert.ThrowsAsync<ArgumentException>(() => storage.Subscribers.GetAsync(id));
    }
}
