using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Application.Queues;
using Scanner.Cli.Standalone;
using Scanner.Cli.Tests.ServiceBus;
using Scanner.Cli.Tests.Support;
using Scanner.Storage.Queues;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Subscribers;

/// <summary>
/// Three subscribers registered through the admin API receive a scan's events as signed webhooks: a fast one, a flaky
/// one and a broken one, which must not hold up or repeat deliveries to the other two.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class SubscriberWebhookTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const string Fast = "fast";
    private const string Flaky = "flaky";
    private const string Broken = "broken";

    [Fact]
    public async Task Fast_flaky_and_broken_subscribers_get_signed_deliveries_and_only_the_broken_one_ends_in_the_poison_queue()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = ServiceBusScenario.Settings(broker.ConnectionString);
        settings["Scanner:Subscribers:MaxAttempts"] = "3";
        await using var server = await ScannerTestServer.StartAsync(environment, settings);
        var dequeueLimit = server.Service<QueueHostOptions>().MaxDequeueCount;
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "hooks");

        receiver.Respond(Flaky, 500, 500);
        receiver.Respond(Broken, [.. Enumerable.Repeat(500, 1000)]);
        var secrets = new Dictionary<string, string>
        {
            [Fast] = "fast-secret-0123456789",
            [Flaky] = "flaky-secret-0123456789",
            [Broken] = "broken-secret-0123456789",
        };
        foreach (var (id, secret) in secrets)
        {
            var body = JsonSerializer.Serialize(new { url = receiver.Url(id).ToString(), secret, eventTypes = new[] { ServiceBusScenario.Published } });
            using var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/subscribers/{id}", ScannerTestServer.Json(body)));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.DoesNotContain(secret, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var clock = Stopwatch.StartNew();
        var start = DateTimeOffset.UtcNow;
        await ServiceBusScenario.AllowListAsync(server, repository);

        var queues = server.Service<StorageQueues>();
        var poison = queues.Get(WorkQueues.PoisonOf(WorkQueues.SubscriberDeliveries));
        await Poll.UntilAsync(async () => (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount == 1, "the broken subscriber's delivery to be poisoned");
        var poisonedAfter = clock.Elapsed;
        await Poll.UntilAsync(async () =>
        {
            using var health = JsonDocument.Parse(await server.Client.GetStringAsync("api/health"));
            return health.RootElement.GetProperty("status").GetString() == "degraded" &&
                   health.RootElement.GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("subscriber-deliveries-poison holds 1", StringComparison.Ordinal));
        }, "health to name the poison queue");
        await server.WaitForIdleAsync();

        var published = (await ServiceBusScenario.ReadFeedAsync(server)).Where(e => e.Type == ServiceBusScenario.Published).Select(e => e.Id).ToList();
        Assert.Equal(3, published.Count);
        foreach (var request in receiver.Received)
        {
            output.WriteLine($"{(request.ReceivedAt - start).TotalMilliseconds,7:0} ms {request.Path} -> {request.Status} [{string.Join(", ", EventIds(request))}]");
        }

        output.WriteLine($"poisoned after {poisonedAfter.TotalMilliseconds:0} ms (dequeue limit {dequeueLimit}, 3 tries per dequeue)");

        // Every request carries the subscriber's signature of its exact body, as a CloudEvents batch.
        foreach (var request in receiver.Received)
        {
            var id = request.Path.TrimStart('/');
            Assert.Equal($"sha256={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secrets[id]), request.Body))}", request.Signature);
            Assert.StartsWith("application/cloudevents-batch+json", request.ContentType, StringComparison.Ordinal);
        }

        // The fast one: each event exactly once, long before the broken one's message was given up.
        var fast = receiver.ReceivedAt(Fast);
        var fastIds = fast.SelectMany(EventIds).ToList();
        Assert.Equal(published.Order(StringComparer.Ordinal), fastIds.Order(StringComparer.Ordinal));
        Assert.All(fast, r => Assert.Equal(200, r.Status));
        var broken = receiver.ReceivedAt(Broken);
        Assert.True(fast.Max(r => r.ReceivedAt) < broken.Max(r => r.ReceivedAt), "the fast subscriber was served before the broken one was given up");
        Assert.True(fast.Max(r => r.ReceivedAt) < broken[0].ReceivedAt + TimeSpan.FromSeconds(2), "the fast subscriber did not wait for the broken one's retries");

        // The flaky one: 500, 500, then the same batch again, taken on the third try.
        var flaky = receiver.ReceivedAt(Flaky);
        Assert.Equal([500, 500, 200], flaky.Select(r => r.Status));
        Assert.All(flaky, r => Assert.Equal(published.Order(StringComparer.Ordinal), EventIds(r).Order(StringComparer.Ordinal)));

        // The broken one: every try of every dequeue failed, then its one message went to the poison queue.
        Assert.All(broken, r => Assert.Equal(500, r.Status));
        Assert.Equal(dequeueLimit * 3, broken.Count);
        var poisoned = (await poison.PeekMessageAsync()).Value;
        using var message = JsonDocument.Parse(poisoned.Body.ToString());
        Assert.Equal(Broken, message.RootElement.GetProperty("subscriberId").GetString());
        Assert.Equal(published.Order(StringComparer.Ordinal), message.RootElement.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> EventIds(ReceivedWebhook request)
    {
        using var batch = JsonDocument.Parse(request.Body);
        return [.. batch.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }
}
