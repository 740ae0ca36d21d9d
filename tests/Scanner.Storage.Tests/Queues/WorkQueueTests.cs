using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Scanner.Application.Queues;
using Scanner.Application.Scanning;
using Scanner.Application.Serialization;
using Scanner.Application.Subscribers;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public class WorkQueueTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset At = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Start_creates_every_work_queue_and_its_poison_queue_under_the_prefix()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);

        string[] logical = [WorkQueues.ScanRequests, WorkQueues.SubscriberDeliveries, "scan-requests-poison", "subscriber-deliveries-poison"];
        Assert.Equal(logical.Order(StringComparer.Ordinal), storage.Queues.LogicalNames.Order(StringComparer.Ordinal));
        foreach (var name in logical)
        {
            Assert.Equal(storage.Prefix + name, storage.Queues.PhysicalName(name));
            Assert.True(await storage.Queues.Get(name).ExistsAsync());
        }

        Assert.Throws<ArgumentException>(() => storage.Queues.Get("scan-request"));
    }

    [Fact]
    public async Task A_scan_request_travels_as_base64_camel_case_json_the_functions_host_reads()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var request = ScanRequest.For(Scans.Repository(), At, "webhook");

        await storage.ScanRequests.EnqueueAsync(request, TimeSpan.Zero);

        // Read raw, without the SDK decoding: what is on the wire is base64 of the JSON.
        var raw = azurite.CreateQueueServiceClient(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None })
            .GetQueueClient(storage.Queues.PhysicalName(WorkQueues.ScanRequests));
        var message = Assert.Single((await raw.ReceiveMessagesAsync(maxMessages: 10)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
        Assert.Equal("""{"repository":"docker.io/acme/extension","requestedAt":"2026-05-01T08:00:00+00:00","trigger":"webhook"}""", json);
        Assert.Equal(request, JsonSerializer.Deserialize(json, ApplicationJsonContext.Default.ScanRequest));
    }

    [Fact]
    public async Task A_delayed_scan_request_is_in_the_queue_but_invisible()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var queue = storage.Queues.Get(WorkQueues.ScanRequests);

        await storage.ScanRequests.EnqueueAsync(ScanRequest.For(Scans.Repository(), At, "follow-up"), TimeSpan.FromHours(1));

        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.ReceiveMessagesAsync(maxMessages: 10)).Value);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => storage.ScanRequests.EnqueueAsync(ScanRequest.For(Scans.Repository(), At, "x"), TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Each_delivery_request_is_one_message()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        SubscriberDeliveryRequest[] requests =
        [
            new("hook-a", ["e1", "e2"]),
            new("hook-b", ["e1", "e2"]),
            new("hook-c", ["e3"]),
        ];

        await storage.SubscriberDeliveries.EnqueueAsync(requests);

        var received = (await storage.Queues.Get(WorkQueues.SubscriberDeliveries).ReceiveMessagesAsync(maxMessages: 10)).Value;
        var read = received.Select(m => m.Body.ToObjectFromJson(ApplicationJsonContext.Default.SubscriberDeliveryRequest)!).OrderBy(r => r.SubscriberId, StringComparer.Ordinal).ToList();
        Assert.Equal(requests.Select(r => r.SubscriberId), read.Select(r => r.SubscriberId));
        Assert.Equal(requests.Select(r => string.Join(',', r.EventIds)), read.Select(r => string.Join(',', r.EventIds)));
    }

    [Fact]
    public async Task A_message_over_the_queue_limit_is_refused_before_it_is_sent()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var tooMany = Enumerable.Range(0, 2000).Select(i => new string('a', 32) + i).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => storage.SubscriberDeliveries.EnqueueAsync([new("hook", tooMany)]));
    }

    [Fact]
    public async Task Poison_counts_are_keyed_by_work_queue()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var poison = storage.Queues.Get(WorkQueues.PoisonOf(WorkQueues.ScanRequests));
        await poison.SendMessageAsync("first");
        await poison.SendMessageAsync("second");

        var counts = await storage.PoisonQueues.CountAsync();

        Assert.Equal(2, counts[WorkQueues.ScanRequests]);
        Assert.Equal(0, counts[WorkQueues.SubscriberDeliveries]);
        Assert.Equal(WorkQueues.All.Count, counts.Count);
    }
}
