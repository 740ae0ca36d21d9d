using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Scanner.Application.Telemetry;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Registry;
using Scanner.Registry.Distribution;
using Scanner.Registry.Http;
using Scanner.Registry.Scanning;
using Scanner.Testing.Registry;

// Request counts of the scan policy on a 50-version repository, and wall time of scan cycles over 100 such
// repositories, against the Debian docker-registry on loopback. Writes bench/results/registry.md.
const int Versions = 50;
const int Repositories = 100;
// Repositories scanned at once, as the scan command does by default (Scanner:ScanConcurrency).
const int Concurrency = 8;
var output = args.Length > 0 ? args[0] : Path.Combine(FindRepositoryRoot(), "bench", "results", "registry.md");

using var meters = new BenchMeterFactory();
using var telemetry = new ScannerTelemetry(meters);
await using var server = await RegistryServer.StartAsync();
using var seeder = new RegistrySeeder(server);
var report = new StringBuilder();
report.AppendLine("# Registry scan benchmark").AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Local `docker-registry` ({RegistryServer.BinaryPath}, distribution 2.8) on loopback, anonymous; ");
report.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores; run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Scanner.Registry.Bench`.").AppendLine();

// 1. Request counts, one repository of 50 versions (each its own image) and a `latest` tag.
var single = await SeedAsync(seeder, "bench-counts");
using (var transport = NewTransport(server.Host, telemetry))
{
    var scanner = NewScanner(transport);
    var stored = StoredRepository.Empty(single);
    var rows = new List<(string Scan, RegistryRequestCounts Counts, int LogLines)>();
    async Task<RepositoryScanResult> MeasureAsync(string name)
    {
        var mark = server.AccessLog.Count;
        var before = transport.Accounting.Snapshot();
        var outcome = await scanner.ScanAsync(stored);
        var counts = transport.Accounting.Snapshot() - before;
        var log = await server.AccessLog.ForRepositoryAsync(single.Path, mark);
        rows.Add((name, counts, log.Count));
        return outcome.Result ?? throw new InvalidOperationException(outcome.Failure);
    }

    stored = Commit(stored, await MeasureAsync("cold (empty catalog)"));
    stored = Commit(stored, await MeasureAsync("warm, no change"));
    await seeder.PushAsync(single, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Bench", "new")));
    stored = Commit(stored, await MeasureAsync("warm, one new tag"));
    await seeder.PushAsync(single, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Bench", "rebuilt")));
    stored = Commit(stored, await MeasureAsync("warm, one retag (newest)"));

    report.AppendLine("## Requests for one repository of 50 versions").AppendLine();
    report.AppendLine("| scan | tags pages | manifest HEAD | manifest GET | blob GET | total | registry access log | body bytes |");
    report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (scan, c, logLines) in rows)
    {
        report.AppendLine(CultureInfo.InvariantCulture, $"| {scan} | {c.TagsPage} | {c.ManifestHead} | {c.ManifestGet} | {c.BlobGet} | {c.Total} | {logLines} | {c.Bytes} |");
    }

    report.AppendLine().AppendLine("Warm HEADs = newest 3 + ceil(47 / 8) = 9; the new tag adds its own HEAD; only new digests cost GETs.").AppendLine();
}

// 2. Wall time: 100 such repositories, cold then warm, through repositories scanned 8 at a time.
var seedClock = Stopwatch.StartNew();
var names = new RepositoryName[Repositories];
await Parallel.ForEachAsync(Enumerable.Range(0, Repositories), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) => names[i] = await SeedAsync(seeder, "bench-many"));
seedClock.Stop();
Console.WriteLine($"seeded {Repositories} repositories in {seedClock.Elapsed.TotalSeconds:0.0} s");

report.AppendLine(CultureInfo.InvariantCulture, $"## Scan cycle over {Repositories} repositories of {Versions} versions (concurrency {Concurrency})").AppendLine();
report.AppendLine("| scan | wall time | requests | manifest GET + blob GET | failures |");
report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
using (var transport = NewTransport(server.Host, telemetry))
{
    var scanner = NewScanner(transport);
    var stored = names.Select(StoredRepository.Empty).ToList();
    foreach (var scan in new[] { "cold", "warm" })
    {
        var before = transport.Accounting.Snapshot();
        var clock = Stopwatch.StartNew();
        var next = new List<StoredRepository>();
        var failures = 0;
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<RepositoryScanOutcome>();
        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (repository, token) => outcomes.Add(await scanner.ScanAsync(repository, token)));
        foreach (var outcome in outcomes)
        {
            if (outcome.Succeeded)
            {
                next.Add(Commit(stored.Single(s => s.Repository == outcome.Repository), outcome.Result));
            }
            else
            {
                failures++;
                Console.WriteLine($"{outcome.Repository}: {outcome.Failure}");
            }
        }

        clock.Stop();
        var counts = transport.Accounting.Snapshot() - before;
        report.AppendLine(CultureInfo.InvariantCulture, $"| {scan} | {clock.Elapsed.TotalSeconds:0.00} s | {counts.Total} | {counts.Gets} | {failures} |");
        stored = next;
    }
}

report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Seeding the {Repositories} repositories (not timed above) took {seedClock.Elapsed.TotalSeconds:0.0} s.");
Console.WriteLine(report);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, report.ToString());
Console.WriteLine($"written to {output}");

static async Task<RepositoryName> SeedAsync(RegistrySeeder seeder, string prefix)
{
    var repository = seeder.NewRepository(prefix);
    var pushed = new PushedImage[Versions];
    await Parallel.ForEachAsync(
        Enumerable.Range(0, Versions),
        new ParallelOptions { MaxDegreeOfParallelism = 4 },
        async (i, token) => pushed[i] = await seeder.PushAsync(repository, $"1.0.{i}", new SeedImage(ExtensionLabelSets.Valid("Bench", $"1.0.{i}")), token));
    await seeder.TagAsync(repository, pushed[^1], "latest");
    return repository;
}

static RegistryTransport NewTransport(string host, ScannerTelemetry telemetry)
{
    var options = new RegistryOptions();
    options.Registries.Add(new RegistryHostOptions { Host = host, Insecure = true });
    return new RegistryTransport(options, telemetry);
}

static RepositoryScanner NewScanner(RegistryTransport transport)
{
    var manifests = new ManifestReader(transport);
    var images = new ImageReader(manifests, new BlobReader(transport), new Scanner.Registry.Model.Platform("linux", "amd64"));
    return new RepositoryScanner(new TagListPager(transport), manifests, images, transport.Accounting, new RegistryOptions().ScanTimeout);
}

static StoredRepository Commit(StoredRepository stored, RepositoryScanResult scan)
{
    var changes = ChangeDetector.Detect(stored, scan);
    var versions = stored.Versions.ToDictionary(v => v.Version, StringComparer.Ordinal);
    foreach (var delete in changes.Deletes)
    {
        versions.Remove(delete);
    }

    foreach (var upsert in changes.Upserts)
    {
        versions[upsert.Version] = upsert;
    }

    return new StoredRepository(stored.Repository, versions.Values.ToList<VersionRecord>(), stored.ScanCount + 1);
}

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

/// <summary>The meters of this one process (a host's IMeterFactory, without a host).</summary>
internal sealed class BenchMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose() => _meters.ForEach(m => m.Dispose());
}
