using System.Net;
using System.Text.Json;
using Scanner.Application.Queues;
using Scanner.Application.Scanning;
using Scanner.Application.Serialization;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.Support;
using Scanner.Storage.Queues;

namespace Scanner.Cli.Tests.Leases;

[Collection(ScannerCollection.Name)]
public sealed class CrashedHolderTests(ScannerEnvironment environment)
{
    [Fact]
    public async Task A_crashed_holders_lease_runs_out_and_its_redelivered_request_scans_then()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "crashed");
        using (var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await server.WaitForIdleAsync();

        // A worker took the lease and died: its lease stands for a few seconds, and its message comes back.
        var states = server.Service<IScanStateStore>();
        var stored = await states.ReadAsync(repository);
        var until = DateTimeOffset.UtcNow.AddSeconds(4);
        Assert.NotNull(await states.TryWriteAsync(stored, stored.Bookkeeping with
        {
            LeaseOwner = "crashed-worker",
            LeaseUntil = until,
            LastStartedAt = DateTimeOffset.UtcNow,
            ScannedRequestCount = stored.Bookkeeping.RequestCount,
        }));
        await environment.Registry.Seeder.PushAsync(repository, "3.0.0", new Testing.Registry.SeedImage(Testing.Registry.ExtensionLabelSets.Valid("Crashed", "3.0.0")));
        var message = JsonSerializer.Serialize(ScanRequest.For(repository, DateTimeOffset.UtcNow, ScanTriggers.Admin), ApplicationJsonContext.Default.ScanRequest);
        await server.Service<StorageQueues>().Get(WorkQueues.ScanRequests).SendMessageAsync(message);

        await Poll.UntilAsync(async () =>
        {
            using var detail = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/extensions/{repository.Value}"));
            return detail.RootElement.GetProperty("versions").EnumerateArray().Any(v => v.GetProperty("version").GetString() == "3.0.0");
        }, "the new version once the lease ran out", TimeSpan.FromSeconds(60));

        // Nobody read the repository while the dead worker's lease stood.
        var after = (await states.ReadAsync(repository)).Bookkeeping;
        Assert.True(after.LastStartedAt >= until, $"a scan started at {after.LastStartedAt:O}, before the lease ran out at {until:O}");
        Assert.NotEqual("crashed-worker", after.LeaseOwner);
    }
}
