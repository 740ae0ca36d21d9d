using Scanner.Testing.Azurite;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Messaging.Tests.Subscribers;

[Collection(AzuriteCollection.Name)]
public sealed class SubscriberDeliveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private (TableSubscriberStore Store, SubscriberDelivery Delivery) Create(bool allowPrivateNetworks = true)
    {
        var options = Options.Create(new SubscriberOptions
        {
            AllowPrivateNetworks = allowPrivateNetworks,
            TableNamePrefix = "t" + Guid.NewGuid().ToString("N")[..12],
            MaxAttempts = 4,
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
            MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        });
        var store = new TableSubscriberStore(azurite.CreateTableServiceClient(), options);
        return (store, new SubscriberDelivery(store, options));
    }

    [Fact]
    public async Task Receiver_can_verify_the_signature_of_the_cloud_event_it_gets()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (store, delivery) = Create();
        using var _ = delivery;
        await store.UpsertAsync(new Subscriber("r", receiver.Url("hook"), "receiver-secret", [], Created));
        var cloudEvent = TestEvents.Added();

        var results = await delivery.NotifyAsync(cloudEvent);

        Assert.True(Assert.Single(results).Delivered);
        var received = Assert.Single(receiver.Received);
        Assert.StartsWith("application/cloudevents+json", received.ContentType, StringComparison.Ordinal);

        // What a receiver does, without this project's code: HMAC-SHA256 of the raw body with the shared secret.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("receiver-secret"), received.Body));
        Assert.Equal(expected, received.Signature);
        Assert.True(SubscriberSignature.Verify("receiver-secret", received.Body, received.Signature));
        Assert.False(SubscriberSignature.Verify("another-secret", received.Body, received.Signature));

        var parsed = JsonSerializer.Deserialize(received.Body, CoreJsonContext.Default.CloudEvent)!;
        Assert.Equal((cloudEvent.Id, cloudEvent.Type, cloudEvent.Source), (parsed.Id, parsed.Type, parsed.Source));
        Assert.Equal("1.0", parsed.SpecVersion);
    }

    [Fact]
    public async Task Subscriber_answering_500_gets_the_event_once_it_recovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("flaky", 500, 500);
        var (store, delivery) = Create();
        using var _ = delivery;
        await store.UpsertAsync(new Subscriber("flaky", receiver.Url("flaky"), "k", [], Created));

        var result = Assert.Single(await delivery.NotifyAsync(TestEvents.Added()));

        var statuses = receiver.ReceivedAt("flaky").Select(r => r.Status).ToList();
        output.WriteLine($"recovery: {statuses.Count} requests, statuses {string.Join(", ", statuses)}; delivered={result.Delivered} after {result.Attempts} attempts");
        Assert.True(result.Delivered);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([500, 500, 200], statuses);
        Assert.Single(receiver.ReceivedAt("flaky").Select(r => r.BodyText).Distinct());
    }

    [Fact]
    public async Task Slow_or_failing_subscriber_does_not_delay_the_others()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay("slow", TimeSpan.FromSeconds(3));
        receiver.Respond("broken", 503, 503, 503, 503);
        var (store, delivery) = Create();
        using var _ = delivery;
        await store.UpsertAsync(new Subscriber("slow", receiver.Url("slow"), "k", [], Created));
        await store.UpsertAsync(new Subscriber("broken", receiver.Url("broken"), "k", [], Created));
        await store.UpsertAsync(new Subscriber("fast", receiver.Url("fast"), "k", [], Created));

        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var results = await delivery.NotifyAsync(TestEvents.Added());
        clock.Stop();

        var fastArrival = Assert.Single(receiver.ReceivedAt("fast")).ReceivedAt - started;
        output.WriteLine($"fast subscriber got the event after {fastArrival.TotalMilliseconds:F0} ms; notify took {clock.ElapsedMilliseconds} ms");
        Assert.True(fastArrival < TimeSpan.FromSeconds(1), $"fast subscriber waited {fastArrival}");
        Assert.True(results.Single(r => r.SubscriberId == "fast").Delivered);
        Assert.True(results.Single(r => r.SubscriberId == "slow").Delivered);
        var broken = results.Single(r => r.SubscriberId == "broken");
        Assert.False(broken.Delivered);
        Assert.Equal((4, 503), (broken.Attempts, broken.LastStatus));
    }

    [Fact]
    public async Task Client_errors_other_than_throttling_are_not_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("gone", 410);
        var (store, delivery) = Create();
        using var _ = delivery;
        await store.UpsertAsync(new Subscriber("gone", receiver.Url("gone"), "k", [], Created));

        var result = Assert.Single(await delivery.NotifyAsync(TestEvents.Added()));

        Assert.Equal((false, 1, 410), (result.Delivered, result.Attempts, result.LastStatus));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Only_subscribers_whose_filter_accepts_the_type_get_the_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (store, delivery) = Create();
        using var _ = delivery;
        await store.UpsertAsync(new Subscriber("blocks", receiver.Url("blocks"), "k", [ChangeEventTypes.VersionBlocked], Created));
        await store.UpsertAsync(new Subscriber("all", receiver.Url("all"), "k", [], Created));

        await delivery.NotifyAsync(TestEvents.Added());
        await delivery.NotifyAsync(TestEvents.Blocked("docker.io/acme/extension", "1.0.0"));

        Assert.Equal(2, receiver.ReceivedAt("all").Count);
        var blocked = Assert.Single(receiver.ReceivedAt("blocks"));
        Assert.Contains(ChangeEventTypes.VersionBlocked, blocked.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/hook")]
    [InlineData("https://localhost:{port}/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("http://hooks.example.com/")]
    public async Task Urls_reaching_loopback_link_local_or_plain_http_are_refused_without_private_networks(string template)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (store, delivery) = Create(allowPrivateNetworks: false);
        using var _ = delivery;
        var url = new Uri(template.Replace("{port}", receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await store.UpsertAsync(new Subscriber("internal", url, "k", [], Created));

        var result = Assert.Single(await delivery.NotifyAsync(TestEvents.Added()));

        Assert.False(result.Delivered);
        Assert.True(result.Attempts <= 1, $"{result.Attempts} attempts for a refused address");
        Assert.Contains(template.StartsWith("http:", StringComparison.Ordinal) ? "https" : "not a public address", result.Failure, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Host_name_resolving_to_loopback_is_refused_when_connecting()
    {
        var (_, delivery) = Create(allowPrivateNetworks: false);
        using var __ = delivery;
        var subscriber = new Subscriber("rebind", new Uri("https://localhost:1/hook"), "k", [], Created);

        // The URL itself passes (a host name); the address is only known, and refused, at connect time.
        delivery.AddressPolicy.CheckUrl(subscriber.Url);
        var result = await delivery.DeliverAsync(subscriber, "e1", [1, 2, 3]);

        Assert.False(result.Delivered);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("resolves to", result.Failure, StringComparison.Ordinal);
    }
}
