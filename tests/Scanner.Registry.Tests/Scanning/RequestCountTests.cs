using Scanner.Core.Scanning;
using Scanner.Registry.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Scanning;

/// <summary>
/// Exact request counts of the scan policy on a 50-version repository, from the client's accounting and, to make sure
/// the accounting is honest, from the registry's own access log.
/// </summary>
[Collection(RegistryCollection.Name)]
public sealed class RequestCountTests(RegistryFixture registry)
{
    // 3 newest every scan, plus the turn of the other 47: ceil(47 / 8) = 6.
    private const int WarmHeads = 3 + 6;

    [Fact]
    public async Task Cold_scan_lists_once_heads_every_version_and_reads_each_image_once()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "cold");
        using var harness = new ScannerHarness(registry.Server.Host);
        // The seeder's last requests may still be on their way into the log: take the mark once it is quiet.
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        Assert.Equal(new RegistryRequestCounts(Token: 0, TagsPage: 1, ManifestHead: 50, ManifestGet: 50, BlobGet: 50, Pulls: 50, requests.Bytes), requests);
        Assert.Equal(50, result.Versions.Count);
        Assert.Equal(1, result.IgnoredTagCount);
        await AssertAccessLogMatchesAsync(repository.Path, mark, requests);
    }

    [Fact]
    public async Task Warm_scan_of_unchanged_repository_makes_no_GET()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "warm");
        using var harness = new ScannerHarness(registry.Server.Host);
        var cold = await harness.ScanAsync(StoredRepository.Empty(repository));
        var stored = ScannerHarness.Commit(StoredRepository.Empty(repository), cold.Result);
        // The seeder's last requests may still be on their way into the log: take the mark once it is quiet.
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var (result, requests) = await harness.ScanAsync(stored);

        Assert.Equal(new RegistryRequestCounts(0, 1, WarmHeads, 0, 0, 0, requests.Bytes), requests);
        Assert.Empty(ChangeDetectorUpserts(stored, result));
        await AssertAccessLogMatchesAsync(repository.Path, mark, requests);
    }

    [Fact]
    public async Task Warm_scan_after_one_new_tag_reads_only_the_new_image()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "newtag");
        using var harness = new ScannerHarness(registry.Server.Host);
        var stored = ScannerHarness.Commit(StoredRepository.Empty(repository), (await harness.ScanAsync(StoredRepository.Empty(repository))).Result);
        await registry.Seeder.PushAsync(repository, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Fifty", "1.1.0")));
        // The seeder's last requests may still be on their way into the log: take the mark once it is quiet.
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var (result, requests) = await harness.ScanAsync(stored);

        Assert.Equal(new RegistryRequestCounts(0, 1, 1 + WarmHeads, 1, 1, 1, requests.Bytes), requests);
        Assert.Contains(result.Versions, v => v.Tag == "1.1.0");
        await AssertAccessLogMatchesAsync(repository.Path, mark, requests);
    }

    [Fact]
    public async Task Warm_scan_after_a_new_tag_of_a_known_image_reuses_its_labels_without_GET()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "sameimage");
        using var harness = new ScannerHarness(registry.Server.Host);
        var stored = ScannerHarness.Commit(StoredRepository.Empty(repository), (await harness.ScanAsync(StoredRepository.Empty(repository))).Result);
        var known = await registry.Seeder.PushAsync(repository, "1.0.7", new SeedImage(ExtensionLabelSets.Valid("Fifty", "1.0.7")));
        await registry.Seeder.TagAsync(repository, known, "1.0.7-alias.1");

        var (result, requests) = await harness.ScanAsync(stored);

        Assert.Equal(new RegistryRequestCounts(0, 1, 1 + WarmHeads, 0, 0, 0, requests.Bytes), requests);
        var alias = Assert.Single(result.Versions, v => v.Tag == "1.0.7-alias.1");
        Assert.Equal(known.Digest, alias.Digest);
        Assert.Equal("1.0.7", alias.Labels.All["test.build"]);
    }

    [Fact]
    public async Task Warm_scan_after_retag_of_the_newest_version_reads_the_new_image_and_reports_the_new_digest()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "retag");
        using var harness = new ScannerHarness(registry.Server.Host);
        var stored = ScannerHarness.Commit(StoredRepository.Empty(repository), (await harness.ScanAsync(StoredRepository.Empty(repository))).Result);
        var moved = await registry.Seeder.PushAsync(repository, "1.0.49", new SeedImage(ExtensionLabelSets.Valid("Fifty", "rebuilt")));
        // The seeder's last requests may still be on their way into the log: take the mark once it is quiet.
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var (result, requests) = await harness.ScanAsync(stored);

        Assert.Equal(new RegistryRequestCounts(0, 1, WarmHeads, 1, 1, 1, requests.Bytes), requests);
        var retagged = Assert.Single(result.Versions, v => v.Tag == "1.0.49");
        Assert.Equal(moved.Digest, retagged.Digest);
        Assert.Equal("rebuilt", retagged.Labels.All["test.build"]);
        await AssertAccessLogMatchesAsync(repository.Path, mark, requests);
    }

    [Fact]
    public async Task Retag_of_the_oldest_version_is_found_within_eight_scans()
    {
        var repository = await FiftyTagRepository.SeedAsync(registry.Seeder, "oldretag");
        using var harness = new ScannerHarness(registry.Server.Host);
        var stored = ScannerHarness.Commit(StoredRepository.Empty(repository), (await harness.ScanAsync(StoredRepository.Empty(repository))).Result);
        var moved = await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Fifty", "rebuilt-old")));

        var scans = 0;
        while (stored.Versions.Single(v => v.Version == "1.0.0").Digest != moved.Digest)
        {
            Assert.True(++scans <= RecheckBudgetPeriod, "the retag of 1.0.0 was not found within 8 scans");
            stored = ScannerHarness.Commit(stored, (await harness.ScanAsync(stored)).Result);
        }
    }

    [Fact]
    public async Task Concurrent_scans_through_one_transport_each_count_only_their_own_requests()
    {
        var repositories = new List<Core.Repositories.RepositoryName>();
        for (var size = 1; size <= 4; size++)
        {
            var repository = registry.Seeder.NewRepository($"concurrent{size}");
            for (var i = 0; i < size; i++)
            {
                await registry.Seeder.PushAsync(repository, $"1.{i}.0", new SeedImage(ExtensionLabelSets.Valid("Concurrent", $"{size}.{i}")));
            }

            repositories.Add(repository);
        }

        using var harness = new ScannerHarness(registry.Server.Host);
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var outcomes = await Task.WhenAll(repositories.Select(r => harness.Scanner.ScanAsync(StoredRepository.Empty(r))));

        foreach (var outcome in outcomes)
        {
            Assert.True(outcome.Succeeded, outcome.Failure);
            var size = outcome.Result.Versions.Count;
            Assert.Equal(new RegistryRequestCounts(0, 1, size, size, size, size, outcome.Requests.Bytes), outcome.Requests);
            await AssertAccessLogMatchesAsync(outcome.Repository.Path, mark, outcome.Requests);
        }

        Assert.Equal(harness.Counts, outcomes.Aggregate(default(RegistryRequestCounts), (sum, o) => sum + o.Requests));
    }

    private const int RecheckBudgetPeriod = Scanner.Registry.Scanning.RecheckBudget.Period;

    private static IReadOnlyList<Core.Catalog.VersionRecord> ChangeDetectorUpserts(StoredRepository stored, RepositoryScanResult result) =>
        Core.Changes.ChangeDetector.Detect(stored, result).Upserts;

    private async Task AssertAccessLogMatchesAsync(string path, int mark, RegistryRequestCounts requests)
    {
        var entries = await registry.Server.AccessLog.ForRepositoryAsync(path, mark);
        var seen = new RegistryRequestCounts(
            Token: 0,
            TagsPage: entries.Count(e => e.Method == "GET" && e.Path.EndsWith("/tags/list", StringComparison.Ordinal)),
            ManifestHead: entries.Count(e => e.Method == "HEAD" && e.Path.Contains("/manifests/", StringComparison.Ordinal)),
            ManifestGet: entries.Count(e => e.Method == "GET" && e.Path.Contains("/manifests/", StringComparison.Ordinal)),
            BlobGet: entries.Count(e => e.Method == "GET" && e.Path.Contains("/blobs/", StringComparison.Ordinal)),
            Pulls: entries.Count(e => e.Method == "GET" && e.Path.Contains("/manifests/", StringComparison.Ordinal) && e.Status != 429),
            Bytes: requests.Bytes);
        Assert.Equal(requests, seen);
        Assert.Equal(requests.Total, entries.Count);
    }
}
