using System.Runtime.InteropServices;
using System.Text.Json;
using Scanner.Functions.Bench;
using Scanner.Functions.Bench.Measurement;
using Scanner.Functions.Bench.Wrk;
using Scanner.Testing.Azurite;
using Scanner.Testing.Benchmarks;
using Scanner.Testing.Registry;
using Xunit;

// GET /api/v1/updates (10 and 50 installed extensions) against GET /api/health on one standalone server, measured with wrk.
// With --serve, the server is seeded and kept up (its URLs printed) until Ctrl+C or SIGTERM, for profiling it from outside.
var serveOnly = args.Contains("--serve");
int[] installedCounts = [10, 50];
const int rounds = 7;
var wrk = new WrkRunner { Duration = TimeSpan.FromSeconds(5) };

using var azurite = new AzuriteFixture();
var registry = new RegistryFixture();
await Task.WhenAll(((IAsyncLifetime)azurite).InitializeAsync(), registry.InitializeAsync());
try
{
    var repositories = await BenchCatalog.SeedAsync(registry.Seeder, installedCounts.Max());
    await using var server = await BenchServer.StartAsync(azurite, registry.Server);
    await server.AllowListAndScanAsync(repositories, BenchCatalog.LatestVersion);

    var endpoints = new List<BenchEndpoint> { new("GET /api/health", new Uri(server.BaseAddress, "api/health")) };
    foreach (var count in installedCounts)
    {
        var updates = new Uri(server.BaseAddress, "api/v1/updates?apiVersion=0.3.4&" + BenchCatalog.InstalledQuery([.. repositories.Take(count)]));
        await CheckUpdatesAnswerAsync(server.Client, updates, count);
        endpoints.Add(new($"GET /api/v1/updates ({count} installed)", updates));
    }

    if (serveOnly)
    {
        await ServeUntilCancelledAsync(endpoints);
        return;
    }

    var loadBefore = BenchMachine.LoadAverage();
    Console.WriteLine($"Load average {loadBefore}");
    var measured = await new HttpBenchmark(wrk, rounds).RunAsync(endpoints);
    var report = new HttpReport(wrk, rounds, measured, repositories.Count, loadBefore, BenchMachine.LoadAverage());
    Console.WriteLine();
    Console.Write(report.Table());
    var path = Path.Combine(BenchMachine.ResultsDirectory(), "http.md");
    await File.WriteAllTextAsync(path, report.Markdown(DateTimeOffset.UtcNow));
    Console.WriteLine($"Written to {path}");
}
finally
{
    await registry.DisposeAsync();
}

// The measured URL must give the real answer, not a cheap error: 200 with one advice per installed extension.
static async Task CheckUpdatesAnswerAsync(HttpClient client, Uri url, int expected)
{
    using var response = await client.GetAsync(url);
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}: {body}");
    }

    using var document = JsonDocument.Parse(body);
    var statuses = document.RootElement.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("status").GetString()).ToList();
    if (statuses.Count != expected || statuses.Contains("unknown-extension"))
    {
        throw new InvalidOperationException($"{url} did not advise on {expected} known extensions: {body}");
    }
}

static async Task ServeUntilCancelledAsync(IReadOnlyList<BenchEndpoint> endpoints)
{
    // SIGTERM too: a shell starts a background process with SIGINT ignored.
    using var stop = new CancellationTokenSource();
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    foreach (var endpoint in endpoints)
    {
        Console.WriteLine($"{endpoint.Name}: {endpoint.Url}");
    }

    Console.WriteLine($"Serving (process {Environment.ProcessId}); Ctrl+C or SIGTERM stops.");
    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
}
