using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Scanner.Core.Repositories;
using Scanner.Testing;
using Scanner.Testing.Azurite;
using Scanner.Testing.Registry;

namespace Scanner.Functions.Bench;

/// <summary>
/// The real <c>scanner serve</c> server in process on a free loopback port, configured as the end-to-end tests configure
/// it (their settings, as <c>--Key=Value</c> arguments), with console logs at Warning so they do not cost throughput.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    public const string FunctionKey = "bench-function-key-0123456789";
    public const string AdminKey = "bench-admin-key-0123456789";

    private readonly WebApplication _app;

    private BenchServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<BenchServer> StartAsync(AzuriteFixture azurite, RegistryServer registry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(registry);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Scanner:Storage:TablePrefix"] = prefix,
            ["Scanner:Subscribers:TableNamePrefix"] = prefix,
            ["Scanner:Subscribers:AllowPrivateNetworks"] = "true",
            ["Scanner:ApiKeys:Function"] = FunctionKey,
            ["Scanner:ApiKeys:Admin"] = AdminKey,
            ["Scanner:Registries:0:Host"] = registry.Host,
            ["Scanner:Registries:0:Insecure"] = "true",
            // Scans run when the benchmark asks; the timer would otherwise compete with wrk.
            ["Scanner:ScanSchedule"] = "0 0 0 1 1 *",
            ["Logging:LogLevel:Default"] = "Warning",
            ["urls"] = $"http://127.0.0.1:{port}",
        };
        var app = Scanner.Cli.Standalone.StandaloneHost.Build([.. settings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        await app.StartAsync(cancellationToken);
        return new BenchServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Allow-lists each repository through the admin API, asks for its scan, and waits until the catalog offers <paramref name="latestVersion"/>.</summary>
    public async Task AllowListAndScanAsync(IReadOnlyList<RepositoryName> repositories, string latestVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        foreach (var repository in repositories)
        {
            await AdminAsync(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}", """{"note":"benchmark"}""", HttpStatusCode.Created, cancellationToken);
            await AdminAsync(HttpMethod.Post, "api/v1/admin/scans", $$"""{"repository":"{{repository.Value}}"}""", HttpStatusCode.Accepted, cancellationToken);
        }

        var wanted = repositories.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        var patience = TimeSpan.FromMinutes(5);
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var offered = await OfferedAsync(latestVersion, cancellationToken);
            if (wanted.IsSubsetOf(offered))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"After {patience.TotalMinutes} minutes the catalog offers {latestVersion} for {offered.Count} of {wanted.Count} repositories.");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task<HashSet<string>> OfferedAsync(string latestVersion, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync(new Uri("api/v1/extensions", UriKind.Relative), cancellationToken));
        return document.RootElement.GetProperty("extensions").EnumerateArray()
            .Where(e => e.GetProperty("latestVersion").ValueKind == JsonValueKind.String && e.GetProperty("latestVersion").GetString() == latestVersion)
            .Select(e => e.GetProperty("repository").GetString()!)
            .ToHashSet(StringComparer.Ordinal);
    }

    private async Task AdminAsync(HttpMethod method, string path, string json, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-functions-key", AdminKey);
        using var response = await Client.SendAsync(request, cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{method} {path} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
