using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Scanner.Application.Relay;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>Service Bus unreachable for half a minute while a scan commits: the outbox carries the events across.</summary>
[Collection(ScannerCollection.Name)]
public sealed class ServiceBusOutageTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const string Topic = ServiceBusBrokerOptions.ExtensionChanges;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Broker_down_for_30_s_loses_nothing_and_duplicates_nothing_once_the_next_scan_relays()
    {
        await using var broker = await ServiceBusBroker.StartAsync();

        // The SDK's exponential retries (about 1, 2 and 4 s): each relay keeps trying for some 7 s of the outage.
        var logs = new CollectingLoggerProvider();
        await using var server = await ScannerTestServer.StartAsync(
            environment,
            ServiceBusScenario.Settings(broker.ConnectionString, retryDelay: "00:00:00.500", maxRetries: 3),
            configure: builder => builder.Logging.AddProvider(logs));
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "bus-down");
        var outbox = server.Service<IOutbox>();

        await broker.StopAsync();
        var down = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        output.WriteLine($"{started:HH:mm:ss.fff} broker stopped");

        await ServiceBusScenario.AllowListAsync(server, repository);
        output.WriteLine($"{down.Elapsed.TotalSeconds,5:0.0} s: allow-list PUT answered (its relay gave up after the SDK's retries)");
        await ServiceBusScenario.WaitForScannedAsync(server, repository, versions: 3);
        output.WriteLine($"{down.Elapsed.TotalSeconds,5:0.0} s: scan committed and ended; its relay failed");
        foreach (var failure in logs.Lines.Where(l => l.Level == LogLevel.Error && l.Category.EndsWith(nameof(RelayOutbox), StringComparison.Ordinal)))
        {
            output.WriteLine($"{(failure.At - started).TotalSeconds,5:0.0} s: {failure.Text[..failure.Text.IndexOf(" for the next relay", StringComparison.Ordinal)]}");
        }

        // Committed: the feed has every event; not relayed: the outbox keeps every one of them.
        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        Assert.Equal([ServiceBusScenario.Added, ServiceBusScenario.Published, ServiceBusScenario.Published, ServiceBusScenario.Published], feed.Select(e => e.Type));
        var kept = await outbox.ReadAsync(repository);
        Assert.Equal(feed.Select(e => e.Id), kept.Select(e => e.Event.Id));
        Assert.Empty(broker.Transfers);
        output.WriteLine($"outbox keeps [{string.Join(", ", kept.Select(e => e.Event.Id))}]");

        // The outage itself is what is under test: this wait is the 30 s the broker stays down.
        for (var rest = Outage - down.Elapsed; rest > TimeSpan.Zero; rest = Outage - down.Elapsed)
        {
            await Task.Delay(rest + TimeSpan.FromMilliseconds(5));
        }

        await broker.RestartAsync();
        output.WriteLine($"{down.Elapsed.TotalSeconds,5:0.0} s: broker restarted");
        Assert.True(down.Elapsed >= Outage, $"the broker was down {down.Elapsed}");
        var relay = Stopwatch.StartNew();
        await ServiceBusScenario.RequestScanAsync(server, repository);
        await server.WaitForIdleAsync();
        output.WriteLine($"the next scan relayed the outbox {relay.ElapsedMilliseconds} ms after the restart");
        output.WriteLine(ServiceBusScenario.Describe(broker));

        Assert.Empty(await outbox.ReadAsync(repository));
        var after = await ServiceBusScenario.ReadFeedAsync(server);
        Assert.Equal(feed, after);
        Assert.Equal(after.Count, after.Select(e => e.Id).Distinct().Count());
        Assert.Equal(after.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.DoesNotContain(broker.Messages, m => m.IsDuplicate);
        Assert.All(broker.Transfers, t => Assert.Equal(TransferOutcome.Accepted, t.Outcome));
    }
}
