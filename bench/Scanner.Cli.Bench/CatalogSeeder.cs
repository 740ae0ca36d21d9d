using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Versioning;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Relay;
using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage;
using Scanner.Storage.Extensions;
using Scanner.Testing.Azurite;
using Scanner.Testing.Registry;

namespace Scanner.Cli.Bench;

/// <summary>
/// Writes a catalog through the storage adapters the service uses, as scans would have: each repository
/// allow-listed, its versions committed as a first scan (version rows, state row, outbox), the outbox relayed into the
/// change feed. Every version carries the full valid label set a registry seed would give it.
/// </summary>
public static class CatalogSeeder
{
    public static async Task SeedAsync(AzuriteFixture azurite, string tablePrefix, int repositories, int versionsEach, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageConnection.SettingName] = azurite.ConnectionString,
            [StorageOptions.SectionName + ":TablePrefix"] = tablePrefix,
            [StorageOptions.SectionName + ":QueuePrefix"] = tablePrefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddScannerStorage(configuration);
        await using var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(cancellationToken);
        }

        var allowList = provider.GetRequiredService<IAllowListStore>();
        var catalog = provider.GetRequiredService<ICatalogStore>();
        var outbox = provider.GetRequiredService<IOutbox>();
        var feed = provider.GetRequiredService<IChangeFeedWriter>();
        var scannedAt = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, repositories),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var repository = RepositoryName.Parse($"docker.io/bench/extension-{index:000}");
                await allowList.AddAsync(repository, "benchmark", ct);
                var versions = Enumerable.Range(0, versionsEach).Select(v => Version(index, $"1.{v / 10}.{v % 10}")).ToArray();
                var changes = ChangeDetector.Detect(StoredRepository.Empty(repository), new RepositoryScanResult(repository, scannedAt, versions, 0));
                if (await catalog.CommitScanAsync(changes, ct) != CommitResult.Committed)
                {
                    throw new InvalidOperationException($"Seeding {repository} met a conflict in a catalog nobody else writes.");
                }

                // The relay's storage steps (the use case is Scanner.Application's): read, append to the feed, delete.
                var entries = await outbox.ReadAsync(repository, ct);
                await feed.AppendAsync(entries, ct);
                await outbox.DeleteAsync(entries, ct);
            });
    }

    private static ScannedVersion Version(int repository, string version)
    {
        var labels = ExtensionLabelSets.Valid($"Bench Extension {repository:000}", version);
        return new ScannedVersion(
            version,
            SemanticVersion.Parse(version),
            "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{repository}/{version}")))),
            ["linux/amd64", "linux/arm64"],
            ExtensionLabels.Read(labels));
    }
}
