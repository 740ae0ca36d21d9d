using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Scanner.Application.Relay;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>A server whose <c>ServiceBusConnection</c> carries a key the namespace refuses.</summary>
[Collection(ScannerCollection.Name)]
public sealed class ServiceBusWrongKeyTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_key_leaves_scans_health_and_the_api_working_logs_one_clear_error_per_relay_and_never_the_key()
    {
        await using var broker = await ServiceBusBroker.StartAsync();

        // A key no other text can contain by chance, so finding it in a log line means the key leaked.
        var wrongKey = "wrong" + Guid.NewGuid().ToString("N");
        var logs = new CollectingLoggerProvider();
        await using var server = await ScannerTestServer.StartAsync(
            environment,
            ServiceBusScenario.Settings(broker.ConnectionStringWithKey(wrongKey)),
            configure: builder => builder.Logging.AddProvider(logs).AddFilter<CollectingLoggerProvider>(_ => true));
        var repository = await ServiceBusScenario.SeedThreeVersionsAsync(environment.Registry.Seeder, "bus-key");

        await ServiceBusScenario.AllowListAsync(server, repository);
        await ServiceBusScenario.WaitForScannedAsync(server, repository, versions: 3);

        using (var health = await server.Client.GetAsync("api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            output.WriteLine($"health: {await health.Content.ReadAsStringAsync()}");
        }

        using (var extensions = await server.Client.GetAsync("api/v1/extensions"))
        {
            Assert.Equal(HttpStatusCode.OK, extensions.StatusCode);
            using var list = JsonDocument.Parse(await extensions.Content.ReadAsStringAsync());
            Assert.Contains(list.RootElement.GetProperty("extensions").EnumerateArray(), e => e.GetProperty("repository").GetString() == repository.Value);
        }

        // Committed and in the feed, not published: the outbox keeps every event for the relay after the fix.
        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        Assert.Equal(4, feed.Count);
        var kept = await server.Service<IOutbox>().ReadAsync(repository);
        Assert.Equal(feed.Select(e => e.Id), kept.Select(e => e.Event.Id));
        Assert.Empty(broker.Transfers);
        Assert.NotEmpty(broker.TokenRequests);
        Assert.All(broker.TokenRequests, request => Assert.Equal(401, request.Status));

        // Two relays failed (the addition's and the scan's): one error each names the setting, and nothing else does.
        var lines = logs.Lines;
        var named = lines.Where(l => l.Level >= LogLevel.Error && l.Text.Contains("ServiceBusConnection", StringComparison.Ordinal)).ToList();
        foreach (var line in named)
        {
            output.WriteLine(line.ToString());
        }

        Assert.Equal(2, named.Count);
        Assert.All(named, line => Assert.Contains("refused the credentials", line.Text, StringComparison.Ordinal));
        Assert.Contains(named, line => line.Text.Contains("keeps 4 events", StringComparison.Ordinal));

        output.WriteLine($"{lines.Count} log lines captured at every level, none holding the key or a signature:");
        foreach (var group in lines.GroupBy(l => (l.Category, l.Level)).OrderBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            output.WriteLine($"  {group.Count(),4} {group.Key.Level} {group.Key.Category}");
        }

        Assert.All(lines, line =>
        {
            Assert.DoesNotContain(wrongKey, line.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(broker.Key, line.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedAccessSignature", line.Text, StringComparison.OrdinalIgnoreCase);
        });
    }
}
