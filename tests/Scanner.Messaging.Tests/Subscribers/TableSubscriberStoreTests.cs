using Scanner.Testing.Azurite;
using Microsoft.Extensions.Options;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;

namespace Scanner.Messaging.Tests.Subscribers;

[Collection(AzuriteCollection.Name)]
public sealed class TableSubscriberStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private TableSubscriberStore NewStore() =>
        new(azurite.CreateTableServiceClient(), Options.Create(new SubscriberOptions { TableNamePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));

    [Fact]
    public async Task Put_then_get_returns_the_subscriber_with_its_secret_and_filters()
    {
        var store = NewStore();
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
        var store = NewStore();
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
        var store = NewStore();
        await store.UpsertAsync(new Subscriber("gone", new Uri("https://a.example.com/"), "x", [], Created));

        Assert.True(await store.DeleteAsync("gone"));
        Assert.False(await store.DeleteAsync("gone"));
        Assert.Null(await store.GetAsync("gone"));
    }

    [Fact]
    public void Info_and_printing_never_carry_the_secret()
    {
        var subscriber = new Subscriber("s", new Uri("https://a.example.com/hook?token=abc"), "very-secret-value", [], Created);

        Assert.DoesNotContain("very-secret-value", subscriber.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token=abc", subscriber.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", subscriber.ToInfo().ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("with space")]
    public async Task Ids_that_cannot_be_row_keys_are_refused(string id)
    {
        var store = NewStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(id));
    }
}
