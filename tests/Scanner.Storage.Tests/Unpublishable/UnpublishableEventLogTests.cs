using Scanner.Application.Relay;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Unpublishable;

[Collection(AzuriteCollection.Name)]
public class UnpublishableEventLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Each_refused_event_is_listed_once_however_often_it_is_recorded()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        Assert.Empty(await storage.Unpublishable.ListAsync());

        await storage.Unpublishable.RecordAsync("servicebus", new UnpublishableEvent("event/1", "larger than 256 KiB"));
        await storage.Unpublishable.RecordAsync("servicebus", new UnpublishableEvent("event/1", "larger than 256 KiB"));
        await storage.Unpublishable.RecordAsync("servicebus", new UnpublishableEvent("event-2", "larger than 256 KiB"));

        var listed = await storage.Unpublishable.ListAsync();
        Assert.Equal(["event-2", "event/1"], listed.Select(e => e.EventId).Order(StringComparer.Ordinal));
        Assert.All(listed, e => Assert.Equal("larger than 256 KiB", e.Reason));
    }
}
