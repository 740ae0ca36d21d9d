using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage.Accounting;
using Scanner.Storage.Extensions;
using Scanner.Storage.Feed;
using Scanner.Storage.Steps;
using Scanner.Storage.Tables;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Support;

/// <summary>
/// One "process" of the service: the storage adapters wired by <see cref="StorageServiceCollectionExtensions.AddScannerStorage"/>
/// against Azurite, on tables named with <see cref="Prefix"/>. Two harnesses with one prefix are two processes
/// sharing one storage account.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private StorageHarness(ServiceProvider provider, string prefix, ScriptedStepHook hook, RecordingPublisher publisher, TestClock clock)
    {
        this.provider = provider;
        Prefix = prefix;
        Hook = hook;
        Publisher = publisher;
        Clock = clock;
    }

    public string Prefix { get; }

    public ScriptedStepHook Hook { get; }

    public RecordingPublisher Publisher { get; }

    public TestClock Clock { get; }

    public IServiceProvider Services => provider;

    public ICatalogStore Catalog => provider.GetRequiredService<ICatalogStore>();

    public IAllowListStore AllowList => provider.GetRequiredService<IAllowListStore>();

    public IOutboxRelay Relay => provider.GetRequiredService<IOutboxRelay>();

    public IChangeFeed Feed => provider.GetRequiredService<IChangeFeed>();

    public ICatalogSnapshotSource Snapshots => provider.GetRequiredService<ICatalogSnapshotSource>();

    public StorageTables Tables => provider.GetRequiredService<StorageTables>();

    public TableOperationCounter Counter => provider.GetRequiredService<TableOperationCounter>();

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<StorageHarness> CreateAsync(AzuriteFixture azurite, string? prefix = null, TestClock? clock = null)
    {
        prefix ??= NewPrefix();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.SettingName] = azurite.ConnectionString,
            [StorageOptions.SectionName + ":TablePrefix"] = prefix,
        }).Build();
        var hook = new ScriptedStepHook();
        var publisher = new RecordingPublisher();
        clock ??= new TestClock(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IStorageStepHook>(hook);
        services.AddSingleton<IChangePublisher>(publisher);
        services.AddSingleton<TimeProvider>(clock);
        services.AddScannerStorage(configuration);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageTables>().EnsureTablesAsync();
        return new StorageHarness(provider, prefix, hook, publisher, clock);
    }

    /// <summary>What a scanner does with a scan: load, detect, commit; on conflict reload and retry. Then relay.</summary>
    public async Task<ChangeSet> ScanAndCommitAsync(RepositoryScanResult scan, bool relay = true)
    {
        while (true)
        {
            var stored = await Catalog.LoadAsync(scan.Repository);
            var changes = ChangeDetector.Detect(stored, scan);
            if (await Catalog.CommitScanAsync(changes) == CommitResult.Committed)
            {
                if (relay)
                {
                    await Relay.RelayAsync(scan.Repository);
                }

                return changes;
            }
        }
    }

    /// <summary>Every event of the feed, read page by page, with the sequence number of each.</summary>
    public async Task<IReadOnlyList<CloudEvent>> ReadWholeFeedAsync(int pageSize = 137)
    {
        var events = new List<CloudEvent>();
        string? cursor = null;
        while (true)
        {
            var page = await Feed.ReadAsync(cursor, pageSize);
            events.AddRange(page.Events);
            if (page.Events.Count == 0)
            {
                return events;
            }

            cursor = page.Cursor;
        }
    }

    public async Task<long> HeadAsync() => await provider.GetRequiredService<FeedAppender>().ReadHeadAsync();

    public async Task<int> RelayAllAsync(params RepositoryName[] repositories)
    {
        var moved = 0;
        foreach (var repository in repositories)
        {
            moved += await Relay.RelayAsync(repository);
        }

        return moved;
    }

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
