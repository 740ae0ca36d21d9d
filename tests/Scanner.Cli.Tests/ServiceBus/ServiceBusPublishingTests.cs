using System.Diagnostics;
using System.Text.Json;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>What the standalone server sends to topic <c>extension-changes</c>, through the real SDK, when a scan finds versions.</summary>
[Collection(ScannerCollection.Name)]
public sealed class ServiceBusPublishingTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const string Topic = ServiceBusBrokerOptions.ExtensionChanges;

    [Fact]
    public async Task A_scan_that_finds_three_versions_sends_them_in_one_batch_whose_message_ids_are_the_feed_ids()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var server = await ScannerTestServer.StartAsync(environment, ServiceBusScenario.Settings(broker.ConnectionString));
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "bus-three");

        var clock = Stopwatch.StartNew();
        await ServiceBusScenario.AllowListAsync(server, repository);
        await server.WaitForIdleAsync();
        output.WriteLine($"allow-listed, scanned and relayed in {clock.ElapsedMilliseconds} ms");

        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        output.WriteLine("feed (GET /api/v1/changes):");
        foreach (var entry in feed)
        {
            output.WriteLine($"  {entry.Id} {entry.Type} {entry.Subject}");
        }

        output.WriteLine("broker:");
        output.WriteLine(ServiceBusScenario.Describe(broker));

        Assert.Equal([ServiceBusScenario.Added, .. ServiceBusScenario.Versions.Select(_ => ServiceBusScenario.Published)], feed.Select(e => e.Type));
        Assert.Equal(ServiceBusScenario.Versions, feed.Skip(1).Select(e => e.Subject).Order(StringComparer.Ordinal));

        // The addition was relayed when it happened, the scan's three versions in one batch of their own.
        var transfers = broker.Transfers;
        Assert.Equal(2, transfers.Count);
        Assert.All(transfers, t => Assert.Equal(Topic, t.Entity));
        Assert.All(transfers, t => Assert.Equal(TransferOutcome.Accepted, t.Outcome));
        Assert.Equal([feed[0].Id], transfers[0].MessageIds);
        Assert.True(transfers[1].IsBatch, "the scan's events go out as one ServiceBusMessageBatch");
        Assert.Equal(feed.Skip(1).Select(e => e.Id), transfers[1].MessageIds);

        // Every message once, MessageId = feed event id, in feed order; Subject, content type and filter properties set.
        var messages = broker.MessagesOn(Topic);
        Assert.Equal(broker.Messages.Count, messages.Count);
        Assert.Equal(feed.Select(e => e.Id), messages.Select(m => m.MessageId));
        foreach (var (message, entry) in messages.Zip(feed))
        {
            Assert.Equal(entry.Type, message.Subject);
            Assert.Equal("application/cloudevents+json", message.ContentType);
            Assert.Equal(entry.Type, message.Property("type"));
            Assert.Equal(repository.Value, message.Property("repository"));
            using var body = JsonDocument.Parse(message.Body);
            Assert.Equal(entry.Id, body.RootElement.GetProperty("id").GetString());
            Assert.Equal(entry.Type, body.RootElement.GetProperty("type").GetString());
            Assert.Equal(entry.Source, body.RootElement.GetProperty("source").GetString());
        }

        output.WriteLine("body of the first published message:");
        output.WriteLine(messages[1].BodyText);
    }

    [Fact]
    public async Task Server_busy_twice_is_retried_by_the_sdk_and_every_event_reaches_the_topic_once()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var server = await ScannerTestServer.StartAsync(environment, ServiceBusScenario.Settings(broker.ConnectionString));
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "bus-busy");
        broker.FailNextSends(2);

        var clock = Stopwatch.StartNew();
        await ServiceBusScenario.AllowListAsync(server, repository);
        output.WriteLine($"allow-list PUT answered after {clock.ElapsedMilliseconds} ms (its relay met the two server-busy answers)");
        await server.WaitForIdleAsync();
        output.WriteLine($"idle after {clock.ElapsedMilliseconds} ms");
        output.WriteLine(ServiceBusScenario.Describe(broker));

        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        Assert.Equal(4, feed.Count);
        Assert.Equal(
            [TransferOutcome.ServerBusy, TransferOutcome.ServerBusy, TransferOutcome.Accepted, TransferOutcome.Accepted],
            broker.Transfers.Select(t => t.Outcome));
        Assert.Equal(feed.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.DoesNotContain(broker.Messages, m => m.IsDuplicate);
    }
}
