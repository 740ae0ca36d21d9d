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

public sealed class SubscriberDeliveryTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    private static SubscriberDelivery Create(bool allowPrivateNetworks = true) => new(Options.Create(new SubscriberOptions
    {
        AllowPrivateNetworks = allowPrivateNetworks,
        MaxAttempts = 4,
        InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    }));

    [Fact]
    public async Task Receiver_can_verify_the_signature_of_the_cloud_event_it_gets()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var delivery = Create();
        var subscriber = new Subscriber("r", receiver.Url("hook"), "receiver-secret", [], Created);
        var cloudEvent = TestEvents.Added();

        var result = await delivery.DeliverAsync(subscriber, [cloudEvent]);

        Assert.True(result.Delivered);
        var received = Assert.Single(receiver.Received);
        Assert.StartsWith("application/cloudevents-batch+json", received.ContentType, StringComparison.Ordinal);

        // What a receiver does, without this project's code: HMAC-SHA256 of the raw body with the shared secret.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("receiver-secret"), received.Body));
        Assert.Equal(expected, received.Signature);
        Assert.True(SubscriberSignature.Verify("receiver-secret", received.Body, received.Signature));
        Assert.False(SubscriberSignature.Verify("another-secret", received.Body, received.Signature));

        var parsed = Assert.Single(JsonSerializer.Deserialize(received.Body, CoreJsonContext.Default.IReadOnlyListCloudEvent)!);
        Assert.Equal((cloudEvent.Id, cloudEvent.Type, cloudEvent.Source), (parsed.Id, parsed.Type, parsed.Source));
        Assert.Equal("1.0", parsed.SpecVersion);
    }

    [Fact]
    public async Task Subscriber_answering_500_gets_the_event_once_it_recovers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("flaky", 500, 500);
        using var delivery = Create();

        var result = await delivery.DeliverAsync(new Subscriber("flaky", receiver.Url("flaky"), "k", [], Created), [TestEvents.Added()]);

        var statuses = receiver.ReceivedAt("flaky").Select(r => r.Status).ToList();
        output.WriteLine($"recovery: {statuses.Count} requests, statuses {string.Join(", ", statuses)}; delivered={result.Delivered} after {result.Attempts} attempts");
        Assert.True(result.Delivered);
        Assert.Equal(3, result.Attempts);
        Assert.Equal([500, 500, 200], statuses);
        Assert.Single(receiver.ReceivedAt("flaky").Select(r => r.BodyText).Distinct());
    }

    [Fact]
    public async Task Client_errors_other_than_throttling_are_not_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("gone", 410);
        using var delivery = Create();

        var result = await delivery.DeliverAsync(new Subscriber("gone", receiver.Url("gone"), "k", [], Created), [TestEvents.Added()]);

        Assert.Equal((false, 1, 410, false), (result.Delivered, result.Attempts, result.LastStatus, result.Retryable));
        Assert.Single(receiver.Received);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/hook")]
    [InlineData("https://localhost:{port}/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("http://hooks.example.com/")]
    public async Task Urls_reaching_loopback_link_local_or_plain_http_are_refused_without_private_networks(string template)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var delivery = Create(allowPrivateNetworks: false);
        var url = new Uri(template.Replace("{port}", receiver.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var result = await delivery.DeliverAsync(new Subscriber("internal", url, "k", [], Created), [TestEvents.Added()]);

        Assert.False(result.Delivered);
        Assert.True(result.Attempts <= 1, $"{result.Attempts} attempts for a refused address");
        Assert.Contains(template.StartsWith("http:", StringComparison.Ordinal) ? "https" : "not a public address", result.Failure, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Host_name_resolving_to_loopback_is_refused_when_connecting()
    {
        using var delivery = Create(allowPrivateNetworks: false);
        var subscriber = new Subscriber("rebind", new Uri("https://localhost:1/hook"), "k", [], Created);

        // The URL itself passes (a host name); the address is only known, and refused, at connect time.
        delivery.AddressPolicy.CheckUrl(subscriber.Url);
        var result = await delivery.DeliverAsync(subscriber, [TestEvents.Added()]);

        Assert.False(result.Delivered);
        Assert.Equal(1, result.Attempts);
        Assert.Contains("resolves to", result.Failure, StringComparison.Ordinal);
    }
}
