using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Health;
using Scanner.Application.Queues;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage.Accounting;
using Scanner.Storage.Extensions;
using Scanner.Storage.Feed;
using Scanner.Storage.Queues;
using Scanner.Storage.Tables;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Support;

/// <summary>
/// One "process" of the service: the storage adapters wired by <see cref="StorageServiceCollectionExtensions.AddScannerStorage"/>
/// against Azurite, on tables and queues named with <see cref="Prefix"/>, started as a host starts them (tables and queues
/// created). Two harnesses with one prefix are two processes sharing one storage account. <see cref="Faults"/> sits in
/// the table client's pipeline.
/// </summary>
public sealed class StorageHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private StorageHarness(ServiceProvider provider, string prefix, StorageFaults faults, TestClock clock)
    {
        this.provider = provider;
        Prefix = prefix;
        Faults = faults;
        Clock = clock;
    }

    public string Prefix { get; }

    public StorageFaults Faults { get; }

    public RecordingPublisher Publisher { get; } = new();

    public TestClock Clock { get; }

    public IServiceProvider Services => provider;

    public ICatalogStore Catalog => provider.GetRequiredService<ICatalogStore>();

    public IAllowListStore AllowList => provider.GetRequiredService<IAllowListStore>();

    public IScanStateStore ScanState => provider.GetRequiredService<IScanStateStore>();

    public IOutbox Outbox => provider.GetRequiredService<IOutbox>();

    public IChangeFeedWriter FeedWriter => provider.GetRequiredService<IChangeFeedWriter>();

    public IChangeFeed Feed => provider.GetRequiredService<IChangeFeed>();

    public ICatalogSnapshotSource Snapshots => provider.GetRequiredService<ICatalogSnapshotSource>();

    public ISubscriberStore Subscribers => provider.GetRequiredService<ISubscriberStore>();

    public IUnpublishableEventLog Unpublishable => provider.GetRequiredService<IUnpublishableEventLog>();

    public IStorageProbe Probe => provider.GetRequiredService<IStorageProbe>();

    public IScanRequestQueue ScanRequests => provider.GetRequiredService<IScanRequestQueue>();

    public ISubscriberDeliveryQueue SubscriberDeliveries => provider.GetRequiredService<ISubscriberDeliveryQueue>();

    public IPoisonQueues PoisonQueues => provider.GetRequiredService<IPoisonQueues>();

    public StorageTables Tables => provider.GetRequiredService<StorageTables>();

    public StorageQueues Queues => provider.GetRequiredService<StorageQueues>();

    public TableOperationCounter Counter => provider.GetRequiredService<TableOperationCounter>();

    /// <summary>Lower-case letters and digits: valid as a table prefix and as a queue prefix.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<StorageHarness> CreateAsync(AzuriteFixture azurite, string? prefix = null, TestClock? clock = null)
    {
        prefix ??= NewPrefix();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.SettingName] = azurite.ConnectionString,
            [StorageOptions.SectionName + ":TablePrefix"] = prefix,
            [StorageOptions.SectionName + ":QueuePrefix"] = prefix,
        }).Build();
        var faults = new StorageFaults();
        clock ??= new TestClock(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(clock);
        services.Configure<StorageClientOptions>(o => o.TablePolicies.Add(new StoragePipelinePolicy(faults, HttpPipelinePosition.PerCall)));
        services.AddScannerStorage(configuration);
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new StorageHarness(provider, prefix, faults, clock);
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
                    await RelayAsync(scan.Repository);
                }

                return changes;
            }
        }
    }

    /// <summary>
    /// The relay's use of the adapters, in its order (the use case itself is Scanner.Application's): read the
    /// repository's outbox, append it to the feed, hand it on, delete it. Returns how many entries it moved.
    /// </summary>
    public async Task<int> RelayAsync(RepositoryName repository)
    {
        var entries = await Outbox.ReadAsync(repository);
        if (entries.Count == 0)
        {
            return 0;
        }

        await FeedWriter.AppendAsync(entries);
        Publisher.Publish(entries.Select(e => e.Event));
        await Outbox.DeleteAsync(entries);
        return entries.Count;
    }

    public async Task<int> RelayAllAsync(params RepositoryName[] repositories)
    {
        var moved = 0;
        foreach (var repository in repositories)
        {
            moved += await RelayAsync(repository);
        }

        return moved;
    }

    /// <summary>Every event of the feed, read page by page.</summary>
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

    public async Task<long> HeadAsync() => await provider.GetRequiredService<TableChangeFeed>().ReadHeadAsync();

    public async ValueTask DisposeAsync() => await provider.DisposeAsync();
}
