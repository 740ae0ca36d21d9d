using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Relay;
using Scanner.Cli.Tests.Support;
using Scanner.Storage.Extensions;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>A relay that stops after Service Bus took its events and before the outbox forgot them.</summary>
[Collection(ScannerCollection.Name)]
public sealed class ServiceBusCrashRecoveryTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const string Topic = ServiceBusBrokerOptions.ExtensionChanges;

    [Fact]
    public async Task A_crash_between_send_and_outbox_delete_resends_the_same_message_ids_and_duplicate_detection_drops_the_copies()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        var prefix = ScannerTestServer.NewStoragePrefix();

        // Armed once the broker holds the scan's three events: the delete that follows them is the one that fails.
        var crash = new FailFirstOutboxDeletePolicy(
            $"{prefix}catalog", () => broker.MessagesOn(Topic).Count(m => m.Subject == ServiceBusScenario.Published) == 3);
        await using var server = await ScannerTestServer.StartAsync(
            environment,
            ServiceBusScenario.Settings(broker.ConnectionString),
            storagePrefix: prefix,
            configure: builder => builder.Services.Configure<StorageClientOptions>(
                o => o.TablePolicies.Add(new StoragePipelinePolicy(crash, HttpPipelinePosition.PerCall))));
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "bus-crash");

        await ServiceBusScenario.AllowListAsync(server, repository);
        await Poll.UntilAsync(() => crash.HasFailed, "the injected failure of the outbox delete");
        output.WriteLine($"injected at {crash.FailedAt:HH:mm:ss.fff}: {crash.FailedRequest}");

        // The scan's message comes back after the visibility timeout; its scan relays the outbox again. Should the
        // relay already have run, this one finds the outbox empty and sends nothing.
        await server.WaitForIdleAsync();
        var relayedAgain = await server.Service<RelayOutbox>().RelayAsync(repository);
        Assert.Equal(0, relayedAgain);
        Assert.Empty(await server.Service<IOutbox>().ReadAsync(repository));

        output.WriteLine(ServiceBusScenario.Describe(broker));
        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        var published = feed.Where(e => e.Type == ServiceBusScenario.Published).Select(e => e.Id).ToList();
        Assert.Equal(3, published.Count);

        // The first send and the resend carry the same ids, in the same order.
        var sends = broker.Transfers.Where(t => t.Outcome == TransferOutcome.Accepted && t.MessageIds.Intersect(published).Any()).ToList();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, t => Assert.Equal(published, t.MessageIds));
        output.WriteLine($"resend: transfer {sends[1].Id}, MessageIds [{string.Join(", ", sends[1].MessageIds)}]");

        // The broker took each copy and flagged it; the topic keeps each event once; the feed has each event once.
        var copies = broker.Messages.Where(m => m.TransferId == sends[1].Id).ToList();
        Assert.Equal(published, copies.Select(m => m.MessageId));
        Assert.All(copies, m => Assert.True(m.IsDuplicate, $"{m.MessageId} dropped as a duplicate"));
        Assert.Equal(feed.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.Equal(feed.Count, feed.Select(e => e.Id).Distinct().Count());
        Assert.Equal(4, feed.Count);
    }
}
