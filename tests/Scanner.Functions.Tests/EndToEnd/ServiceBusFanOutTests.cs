using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Functions.Hosting;
using Scanner.Functions.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// Change events leave through Service Bus (the loopback broker standing in for it) when a connection is configured,
/// and through the in-process topic to signed subscriber webhooks in standalone mode.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class ServiceBusFanOutTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task A_scan_sends_one_message_per_change_event_with_the_event_id_as_message_id()
    {
        await using var serviceBus = await ServiceBusBroker.StartAsync();
        await using var server = await ScannerTestServer.StartAsync(
            environment, HostMode.CustomHandler, new Dictionary<string, string> { ["ServiceBusConnection"] = serviceBus.ConnectionString });
        var seeder = environment.Registry.Seeder;
        var repository = seeder.NewRepository("fanout");
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0" })
        {
            await seeder.PushAsync(repository, version, new Scanner.Testing.Registry.SeedImage(Scanner.Testing.Registry.ExtensionLabelSets.Valid("Fan-out", version)));
        }

        Assert.True(await server.Service<IAllowListStore>().AddAsync(repository, "fan-out test"));
        using var scan = await server.Client.PostAsync("ScanRepository", ScannerTestServer.Json(
            $$$"""{"Data":{"message":"{\"repository\":\"{{{repository.Value}}}\"}"},"Metadata":{}}"""));
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);

        output.WriteLine(string.Join(Environment.NewLine, serviceBus.Transfers));
        var published = serviceBus.MessagesOn("extension-changes")
            .Where(m => m.Property("type") == "extension.version.published")
            .ToList();
        Assert.Equal(3, published.Count);
        Assert.All(published, m => Assert.Equal(repository.Value, m.Property("repository")));

        using var feed = JsonDocument.Parse(await server.Client.GetStringAsync("api/v1/changes?limit=500"));
        var feedIds = feed.RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("source").GetString() == "/extensions/" + repository.Value)
            .Select(e => e.GetProperty("id").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(feedIds, serviceBus.MessagesOn("extension-changes").Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.All(published, m => Assert.Equal(m.MessageId, JsonDocument.Parse(m.Body).RootElement.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Subscribers_registered_through_the_admin_api_receive_signed_events_in_standalone_mode()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ScannerTestServer.StartAsync(environment);
        const string Secret = "subscriber-secret-0123456789";
        using (var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, "api/v1/admin/subscribers/ops",
            ScannerTestServer.Json($$"""{"url":"{{receiver.Url("/hook")}}","secret":"{{Secret}}","eventTypes":["extension.added"]}"""))))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.DoesNotContain(Secret, await put.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var list = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Get, "api/v1/admin/subscribers")))
        {
            var body = await list.Content.ReadAsStringAsync();
            Assert.Contains("\"ops\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        }

        var repository = environment.Registry.Seeder.NewRepository("subscribed");
        using (var add = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}")))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        await server.WaitForBusAsync();
        var delivery = Assert.Single(receiver.ReceivedAt("/hook"));
        using var cloudEvent = JsonDocument.Parse(delivery.Body);
        Assert.Equal("extension.added", cloudEvent.RootElement.GetProperty("type").GetString());
        Assert.Equal("/extensions/" + repository.Value, cloudEvent.RootElement.GetProperty("source").GetString());
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), delivery.Body));
        Assert.Equal(expected, delivery.Signature);
    }

    [Theory]
    [InlineData("""{"url":"https://127.0.0.1/hook","secret":"0123456789abcdef0123"}""")]
    [InlineData("""{"url":"https://169.254.169.254/latest","secret":"0123456789abcdef0123"}""")]
    [InlineData("""{"url":"http://example.com/hook","secret":"0123456789abcdef0123"}""")]
    [InlineData("""{"url":"https://example.com/hook","secret":"short"}""")]
    [InlineData("""{"url":"https://example.com/hook","secret":"0123456789abcdef0123","eventTypes":["nope"]}""")]
    [InlineData("""{"secret":"0123456789abcdef0123"}""")]
    public async Task Subscriber_registration_refuses_private_addresses_and_bad_input(string body)
    {
        await using var server = await ScannerTestServer.StartAsync(
            environment, settings: new Dictionary<string, string> { ["Scanner:Subscribers:AllowPrivateNetworks"] = "false" });
        using var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, "api/v1/admin/subscribers/bad", ScannerTestServer.Json(body)));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }
}
