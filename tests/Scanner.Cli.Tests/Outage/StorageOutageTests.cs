using System.Net;
using System.Text.Json;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.Support;

namespace Scanner.Cli.Tests.Outage;

[Collection(ScannerCollection.Name)]
public sealed class StorageOutageTests(ScannerEnvironment environment)
{
    [Fact]
    public async Task With_Azurite_stopped_health_is_degraded_and_storage_backed_endpoints_answer_503_then_recover_without_a_restart()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "outage");
        using (var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await server.WaitForIdleAsync();
        await Poll.UntilAsync(async () => await HealthAsync(server) == "healthy", "health to be healthy before the outage");

        await environment.Azurite.StopAsync();
        try
        {
            await Poll.UntilAsync(async () => await HealthAsync(server) == "degraded", "health to see the outage");
            using var health = JsonDocument.Parse(await server.Client.GetStringAsync("api/health"));
            Assert.Contains(health.RootElement.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Table Storage does not answer", StringComparison.Ordinal));

            foreach (var request in new[]
            {
                new HttpRequestMessage(HttpMethod.Get, "api/v1/changes"),
                ScannerTestServer.Admin(HttpMethod.Get, "api/v1/admin/allowlist"),
                ScannerTestServer.Admin(HttpMethod.Post, "api/v1/admin/scans"),
                ScannerTestServer.Admin(HttpMethod.Get, "api/v1/admin/subscribers"),
            })
            {
                using var response = await server.Client.SendAsync(request);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
                request.Dispose();
            }

            // The in-memory snapshot still answers.
            using var catalog = await server.Client.GetAsync("api/v1/extensions");
            Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        }
        finally
        {
            await environment.Azurite.StartAsync();
        }

        await Poll.UntilAsync(async () => await HealthAsync(server) == "healthy", "health to recover");
        using var changes = await server.Client.GetAsync("api/v1/changes");
        Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
    }

    private static async Task<string?> HealthAsync(ScannerTestServer server)
    {
        using var health = JsonDocument.Parse(await server.Client.GetStringAsync("api/health"));
        return health.RootElement.GetProperty("status").GetString();
    }
}
