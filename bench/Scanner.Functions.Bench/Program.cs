using System.Text.Json;
using Scanner.Functions.Bench;
using Scanner.Functions.Bench.Wrk;
using Scanner.Testing.Azurite;
using Scanner.Testing.Registry;
using Xunit;

// GET /api/v1/updates (10 installed extensions) against GET /api/health on one standalone server, measured with wrk.
const int installedCount = 10;
var wrk = new WrkRunner();

using var azurite = new AzuriteFixture();
var registry = new RegistryFixture();
await Task.WhenAll(((IAsyncLifetime)azurite).InitializeAsync(), registry.InitializeAsync());
try
{
    var repositories = await BenchCatalog.SeedAsync(registry.Seeder, installedCount);
    await using var server = await BenchServer.StartAsync(azurite, registry.Server);
    await server.AllowListAndScanAsync(repositories, BenchCatalog.LatestVersion);

    var health = new Uri(server.BaseAddress, "api/health");
    var updates = new Uri(server.BaseAddress, "api/v1/updates?apiVersion=0.3.4&" + BenchCatalog.InstalledQuery(repositories));
    await CheckUpdatesAnswerAsync(server.Client, updates, installedCount);

    var loadBefore = HttpReport.LoadAverage();
    Console.WriteLine($"Measuring {health} (load average {loadBefore}) ...");
    var healthSummary = await wrk.MeasureAsync(health);
    Console.WriteLine($"Measuring {updates} ...");
    var updatesSummary = await wrk.MeasureAsync(updates);

    var report = new HttpReport(wrk, health.AbsoluteUri, healthSummary, updates.AbsoluteUri, updatesSummary, installedCount, loadBefore);
    Console.WriteLine();
    Console.Write(report.Table());
    var path = Path.Combine(RepositoryRoot(), "bench", "results", "http.md");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
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

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException($"No Scanner.sln above {AppContext.BaseDirectory}: run from a checkout.");
}
