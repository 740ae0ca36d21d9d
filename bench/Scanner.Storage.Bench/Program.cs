using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Versioning;
using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Application.Catalog;
using Scanner.Application.Relay;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage;
using Scanner.Storage.Accounting;
using Scanner.Storage.Extensions;
using Scanner.Testing.Azurite;
using Xunit;

// Table operations per scan shape and relay throughput, against a real Azurite on loopback.
var azurite = new AzuriteFixture();
await ((IAsyncLifetime)azurite).InitializeAsync();
try
{
    var report = new StringBuilder();
    report.AppendLine("# Storage benchmark");
    report.AppendLine();
    report.AppendLine(CultureInfo.InvariantCulture, $"Run `dotnet run -c Release --project bench/Scanner.Storage.Bench` on {DateTimeOffset.UtcNow:yyyy-MM-dd}, " +
                      $"Azurite 3.37.0 on loopback, {Environment.ProcessorCount} cores (shared with other builds).");
    report.AppendLine();
    report.AppendLine("## Table operations per scan (load + detect + commit, then relay of its events)");
    report.AppendLine();
    report.AppendLine("| Scan | Commit: transactions | Commit: point reads | Commit: query pages | Commit: single writes | Relay: transactions | Relay: point reads | Relay: query pages |");
    report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

    await using (var storage = await Wiring.CreateAsync(azurite))
    {
        var repository = RepositoryName.Parse("docker.io/acme/bench-extension");
        var versions = Enumerable.Range(0, 600).Select(i => Wiring.Version($"1.{i / 50}.{i % 50}")).ToList();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        report.AppendLine(await Measure(storage, "First scan of 600 tags", new RepositoryScanResult(repository, at, versions, 0)));
        report.AppendLine(await Measure(storage, "Warm scan, no change (600 tags)", new RepositoryScanResult(repository, at.AddHours(1), versions, 0)));
        versions.Add(Wiring.Version("2.0.0"));
        report.AppendLine(await Measure(storage, "Warm scan, one new version (601 tags)", new RepositoryScanResult(repository, at.AddHours(2), versions, 0)));
    }

    report.AppendLine();
    report.AppendLine("Query pages of a load: Azurite and Azure return up to 1,000 entities per page, so a repository of 600 versions loads in one page.");
    report.AppendLine();
    report.AppendLine("## Relay throughput (outbox -> change feed -> outbox delete)");
    report.AppendLine();
    report.AppendLine("| Relays | Events | Seconds | Events/second | Transactions (feed appends + outbox deletes) |");
    report.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
    foreach (var relays in new[] { 1, 4 })
    {
        report.AppendLine(await MeasureRelay(azurite, relays, repositories: 10, eventsPerRepository: 200));
    }

    report.AppendLine();
    report.AppendLine("Concurrent relays over the same partitions read the same outbox rows and take turns on the feed counter (one");
    report.AppendLine("ETag-checked row), so they add resilience, not speed; the feed stays gapless either way. Throughput varies from run");
    report.AppendLine("to run on a shared 2-core machine; the operation counts above do not.");
    var text = report.ToString();
    Console.WriteLine(text);
    var path = Path.Combine(Wiring.RepositoryRoot(), "bench", "results", "storage.md");
    await File.WriteAllTextAsync(path, text);
    Console.WriteLine($"Written to {path}");
}
finally
{
    await ((IAsyncLifetime)azurite).DisposeAsync();
}

static async Task<string> Measure(Wiring storage, string name, RepositoryScanResult scan)
{
    var before = storage.Counter.Snapshot();
    var stored = await storage.Catalog.LoadAsync(scan.Repository);
    var changes = ChangeDetector.Detect(stored, scan);
    if (await storage.Catalog.CommitScanAsync(changes) != CommitResult.Committed)
    {
        throw new InvalidOperationException("Unexpected conflict in a benchmark without concurrency.");
    }

    var commit = storage.Counter.Snapshot().Minus(before);
    var relayed = await storage.RelayAsync(scan.Repository);
    var relay = storage.Counter.Snapshot().Minus(before).Minus(commit);
    Console.WriteLine($"{name}: commit {commit}; relay of {relayed} events {relay}");
    return FormattableString.Invariant(
        $"| {name} ({relayed} events) | {commit.Transactions} | {commit.PointReads} | {commit.QueryPages} | {commit.SingleWrites} | {relay.Transactions} | {relay.PointReads} | {relay.QueryPages} |");
}

static async Task<string> MeasureRelay(AzuriteFixture azurite, int relays, int repositories, int eventsPerRepository)
{
    var prefix = Wiring.NewPrefix();
    var instances = new List<Wiring>();
    for (var i = 0; i < relays; i++)
    {
        instances.Add(await Wiring.CreateAsync(azurite, prefix));
    }

    try
    {
        var names = Enumerable.Range(0, repositories).Select(i => RepositoryName.Parse($"ghcr.io/acme/relay-{i}")).ToArray();
        foreach (var name in names)
        {
            var scan = new RepositoryScanResult(
                name,
                DateTimeOffset.UtcNow,
                [.. Enumerable.Range(0, eventsPerRepository).Select(i => Wiring.Version($"1.0.{i}"))],
                0);
            await instances[0].Catalog.AppendOutboxAsync(name, ChangeDetector.Detect(StoredRepository.Empty(name), scan).Events);
        }

        var before = instances.Select(x => x.Counter.Snapshot()).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(instances.Select((relay, index) => Task.Run(async () =>
        {
            for (var i = 0; i < names.Length; i++)
            {
                await relay.RelayAsync(names[(i + index) % names.Length]);
            }
        })));
        stopwatch.Stop();
        var feedTransactions = instances.Select((x, i) => x.Counter.Snapshot().Minus(before[i]).Transactions).Sum();
        var events = repositories * eventsPerRepository;
        var rate = events / stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"{relays} relay(s): {events} events in {stopwatch.Elapsed.TotalSeconds:F2} s = {rate:F0} events/s");
        return FormattableString.Invariant($"| {relays} | {events} | {stopwatch.Elapsed.TotalSeconds:F2} | {rate:F0} | {feedTransactions} |");
    }
    finally
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }
}

/// <summary>The storage adapters as the service wires them, on tables of their own.</summary>
internal sealed class Wiring : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private Wiring(ServiceProvider provider) => this.provider = provider;

    public ICatalogStore Catalog => provider.GetRequiredService<ICatalogStore>();

    public IOutbox Outbox => provider.GetRequiredService<IOutbox>();

    public IChangeFeedWriter FeedWriter => provider.GetRequiredService<IChangeFeedWriter>();

    public TableOperationCounter Counter => provider.GetRequiredService<TableOperationCounter>();

    public static string NewPrefix() => "b" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<Wiring> CreateAsync(AzuriteFixture azurite, string? prefix = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.SettingName] = azurite.ConnectionString,
            [StorageOptions.SectionName + ":TablePrefix"] = prefix ??= NewPrefix(),
            [StorageOptions.SectionName + ":QueuePrefix"] = prefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddScannerStorage(configuration);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new Wiring(provider);
    }

    /// <summary>The relay's storage steps (the use case is Scanner.Application's): read the outbox, append, delete.</summary>
    public async Task<int> RelayAsync(RepositoryName repository)
    {
        var entries = await Outbox.ReadAsync(repository);
        await FeedWriter.AppendAsync(entries);
        await Outbox.DeleteAsync(entries);
        return entries.Count;
    }

    public static ScannedVersion Version(string version) => new(
        version,
        SemanticVersion.Parse(version),
        "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(version))),
        ["linux/amd64"],
        ExtensionLabels.Read(new Dictionary<string, string>
        {
            [LabelNames.Title] = "Bench",
            [LabelNames.Description] = "A benchmark extension",
            [LabelNames.Vendor] = "Acme",
            [LabelNames.ApiVersion] = ">= 0.3.0",
        }));

    public static string RepositoryRoot()
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

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
