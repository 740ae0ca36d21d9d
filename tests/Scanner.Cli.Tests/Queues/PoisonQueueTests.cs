using System.Net;
using System.Text.Json;
using Scanner.Application.Queues;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.Support;
using Scanner.Storage.Queues;

namespace Scanner.Cli.Tests.Queues;

[Collection(ScannerCollection.Name)]
public sealed class PoisonQueueTests(ScannerEnvironment environment)
{
    [Fact]
    public async Task Malformed_scan_request_ends_in_the_poison_queue_health_names_it_and_other_scans_go_on()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var queues = server.Service<StorageQueues>();
        await queues.Get(WorkQueues.ScanRequests).SendMessageAsync("this is not a scan request");

        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "poison");
        using var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        var poison = queues.Get(WorkQueues.PoisonOf(WorkQueues.ScanRequests));
        await Poll.UntilAsync(async () => (await poison.GetPropertiesAsync()).Value.ApproximateMessagesCount == 1, "the malformed message to be poisoned");
        var poisoned = await poison.PeekMessageAsync();
        Assert.Equal("this is not a scan request", poisoned.Value.Body.ToString());

        await Poll.UntilAsync(async () =>
        {
            using var health = JsonDocument.Parse(await server.Client.GetStringAsync("api/health"));
            return health.RootElement.GetProperty("status").GetString() == "degraded" &&
                   health.RootElement.GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains("scan-requests-poison holds 1", StringComparison.Ordinal));
        }, "health to name the poison queue");

        // The allow-listed repository was scanned all the same.
        await server.WaitForIdleAsync();
        using var detail = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/extensions/{repository.Value}"));
        Assert.Equal(5, detail.RootElement.GetProperty("versions").GetArrayLength());
        Assert.Equal("succeeded", detail.RootElement.GetProperty("scan").GetProperty("outcome").GetString());
    }
}
