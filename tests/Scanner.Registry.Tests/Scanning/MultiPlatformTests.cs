using Scanner.Core.Scanning;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Scanning;

[Collection(RegistryCollection.Name)]
public sealed class MultiPlatformTests(RegistryFixture registry)
{
    [Fact]
    public async Task Oci_index_records_every_platform_and_reads_labels_of_the_preferred_one()
    {
        var repository = registry.Seeder.NewRepository("ociindex");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()) { Platforms = ["linux/amd64", "linux/arm64", "linux/arm/v7"] });
        using var harness = new ScannerHarness(registry.Server.Host, preferredPlatform: "linux/arm64");

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        var version = Assert.Single(result.Versions);
        Assert.Equal(["linux/amd64", "linux/arm64", "linux/arm/v7"], version.Platforms);
        Assert.Equal("linux/arm64", version.Labels.All[SeedImage.PlatformLabel]);
        Assert.Equal(new RegistryRequestCounts(0, 1, 1, ManifestGet: 2, BlobGet: 1, Pulls: 2, requests.Bytes), requests);
    }

    [Fact]
    public async Task Docker_manifest_list_without_the_preferred_platform_reads_labels_of_the_first()
    {
        var repository = registry.Seeder.NewRepository("dockerlist");
        await registry.Seeder.PushAsync(repository, "2.0.0", new SeedImage(ExtensionLabelSets.Valid()) { Format = ManifestFormat.Docker, Platforms = ["linux/arm64", "linux/s390x"] });
        using var harness = new ScannerHarness(registry.Server.Host, preferredPlatform: "linux/amd64");

        var (result, _) = await harness.ScanAsync(StoredRepository.Empty(repository));

        var version = Assert.Single(result.Versions);
        Assert.Equal(["linux/arm64", "linux/s390x"], version.Platforms);
        Assert.Equal("linux/arm64", version.Labels.All[SeedImage.PlatformLabel]);
    }

    [Fact]
    public async Task Index_of_one_platform_is_read_through_its_only_entry()
    {
        var repository = registry.Seeder.NewRepository("oneplatformindex");
        var image = await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()) { ForceIndex = true, Platforms = ["linux/arm64"] });
        using var harness = new ScannerHarness(registry.Server.Host);

        var (result, _) = await harness.ScanAsync(StoredRepository.Empty(repository));

        var version = Assert.Single(result.Versions);
        Assert.Equal(image.Digest, version.Digest);
        Assert.Equal(["linux/arm64"], version.Platforms);
        Assert.Equal("linux/arm64", version.Labels.All[SeedImage.PlatformLabel]);
    }

    [Theory]
    [InlineData(ManifestFormat.Oci)]
    [InlineData(ManifestFormat.Docker)]
    public async Task Single_platform_manifest_records_the_platform_of_its_config(ManifestFormat format)
    {
        var repository = registry.Seeder.NewRepository("single");
        var labels = ExtensionLabelSets.Valid("Single " + format);
        await registry.Seeder.PushAsync(repository, "0.1.0", new SeedImage(labels) { Format = format, Platforms = ["linux/arm64"] });
        using var harness = new ScannerHarness(registry.Server.Host);

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        var version = Assert.Single(result.Versions);
        Assert.Equal(["linux/arm64"], version.Platforms);
        Assert.Equal(labels, version.Labels.All);
        Assert.Equal(new RegistryRequestCounts(0, 1, 1, 1, 1, 1, requests.Bytes), requests);
    }
}
