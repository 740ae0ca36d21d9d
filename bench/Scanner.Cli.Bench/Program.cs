using System.Globalization;
using System.Text;
using System.Text.Json;
using Scanner.Cli.Bench;
using Scanner.Testing.Azurite;
using Scanner.Testing.Benchmarks;
using Xunit;

// `scanner serve` as a process against Azurite: start-up to the first 200 on /api/health, and RSS with a large catalog.
const int startupRuns = 7;
const int repositories = 100;
const int versionsEach = 50;
var settle = TimeSpan.FromSeconds(5);

using var azurite = new AzuriteFixture();
await ((IAsyncLifetime)azurite).InitializeAsync();
try
{
    var loadBefore = BenchMachine.LoadAverage();
    Console.WriteLine($"Load average {loadBefore}; executable {ScannerProcess.Executable}");

    // Start-up: the first run creates the tables and warms the file cache, and is not counted.
    var emptyPrefix = NewPrefix();
    var startups = new List<TimeSpan>();
    (long Resident, long Peak) emptyMemory = default;
    for (var run = 0; run <= startupRuns; run++)
    {
        await using var server = ScannerProcess.Start(azurite, emptyPrefix);
        var elapsed = await server.WaitForHealthAsync();
        Console.WriteLine(FormattableString.Invariant($"Start-up {(run == 0 ? "(not counted)" : run.ToString(CultureInfo.InvariantCulture))}: {elapsed.TotalMilliseconds:0} ms"));
        if (run > 0)
        {
            startups.Add(elapsed);
        }

        if (run == startupRuns)
        {
            await Task.Delay(settle);
            emptyMemory = server.Memory();
        }
    }

    // Memory: a catalog of 100 extensions x 50 versions, loaded by the server's own start-up (the snapshot's normal path).
    var largePrefix = NewPrefix();
    Console.WriteLine($"Seeding {repositories} x {versionsEach} versions ...");
    var seeding = System.Diagnostics.Stopwatch.StartNew();
    await CatalogSeeder.SeedAsync(azurite, largePrefix, repositories, versionsEach);
    seeding.Stop();
    TimeSpan largeStartup;
    (long Resident, long Peak) largeMemory;
    await using (var server = ScannerProcess.Start(azurite, largePrefix))
    {
        largeStartup = await server.WaitForHealthAsync();
        await CheckCatalogAsync(server.Client, repositories, versionsEach);
        await Task.Delay(settle);
        largeMemory = server.Memory();
    }

    var loadAfter = BenchMachine.LoadAverage();
    var sorted = startups.Order().ToArray();
    var median = sorted[sorted.Length / 2];
    static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
    var md = new StringBuilder();
    md.AppendLine("# `scanner serve`: start-up and memory");
    md.AppendLine();
    md.AppendLine("The built executable (`src/Scanner.Cli/bin/Release/net10.0/scanner serve`) started as a process, configured by");
    md.AppendLine("environment variables against a real Azurite on loopback, from an empty working directory, logs at Warning.");
    md.AppendLine("Produced by `dotnet run -c Release --project bench/Scanner.Cli.Bench`.");
    md.AppendLine();
    md.AppendLine($"- Date: {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
    md.AppendLine($"- Machine: {BenchMachine.Description()}; shared with other builds while it ran");
    md.AppendLine($"- `/proc/loadavg` before: `{loadBefore}`; after: `{loadAfter}`");
    md.AppendLine();
    md.AppendLine("## Start-up: from starting the process to its first `200` on `/api/health`");
    md.AppendLine();
    md.AppendLine($"`/api/health` polled every 10 ms from the moment the process is started; {startupRuns} runs on the same tables, after one");
    md.AppendLine("uncounted run that created them (a restart of a deployed instance, not its first ever start); empty catalog.");
    md.AppendLine();
    md.AppendLine("| median | min | max | runs |");
    md.AppendLine("|---:|---:|---:|---|");
    md.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"| {median.TotalMilliseconds:0} ms | {sorted[0].TotalMilliseconds:0} ms | {sorted[^1].TotalMilliseconds:0} ms | {string.Join(", ", startups.Select(s => s.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms |"));
    md.AppendLine();
    md.AppendLine("## Memory: resident set of the server");
    md.AppendLine();
    md.AppendLine($"`VmRSS` and `VmHWM` (peak) of `/proc/PID/status`, read {settle.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s after the server answered (and, for the large");
    md.AppendLine($"catalog, after `GET /api/v1/extensions` listed all {repositories} and `GET /api/v1/extensions/{{repository}}` gave {versionsEach} versions).");
    md.AppendLine($"The large catalog was written through the storage adapters as scans write it (allow-list, a first-scan commit per");
    md.AppendLine($"repository, the outbox relayed to the change feed; every version with the full valid label set, two platforms) in");
    md.AppendLine(FormattableString.Invariant($"{seeding.Elapsed.TotalSeconds:0} s, and loaded by the server's own start-up into its snapshot."));
    md.AppendLine();
    md.AppendLine("| catalog | RSS | peak RSS | start-up to first 200 |");
    md.AppendLine("|---|---:|---:|---:|");
    md.AppendLine(FormattableString.Invariant($"| empty | {Mb(emptyMemory.Resident)} MiB | {Mb(emptyMemory.Peak)} MiB | {median.TotalMilliseconds:0} ms (median above) |"));
    md.AppendLine(FormattableString.Invariant($"| {repositories} extensions x {versionsEach} versions | {Mb(largeMemory.Resident)} MiB | {Mb(largeMemory.Peak)} MiB | {largeStartup.TotalMilliseconds:0} ms (one run) |"));
    var text = md.ToString();
    Console.WriteLine();
    Console.WriteLine(text);
    var path = Path.Combine(BenchMachine.ResultsDirectory(), "startup-memory.md");
    await File.WriteAllTextAsync(path, text);
    Console.WriteLine($"Written to {path}");
}
finally
{
    await ((IAsyncLifetime)azurite).DisposeAsync();
}

static string NewPrefix() => "b" + Guid.NewGuid().ToString("N")[..10];

// The server must hold the whole catalog, loaded the normal way, before its memory counts.
static async Task CheckCatalogAsync(HttpClient client, int repositories, int versionsEach)
{
    using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("api/v1/extensions", UriKind.Relative)));
    var names = list.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("repository").GetString()!).ToArray();
    if (names.Length != repositories)
    {
        throw new InvalidOperationException($"The server lists {names.Length} extensions, not {repositories}.");
    }

    using var detail = JsonDocument.Parse(await client.GetStringAsync(new Uri($"api/v1/extensions/{names[^1]}", UriKind.Relative)));
    var versions = detail.RootElement.GetProperty("versions").GetArrayLength();
    if (versions != versionsEach)
    {
        throw new InvalidOperationException($"{names[^1]} has {versions} versions in the server's catalog, not {versionsEach}.");
    }
}
