using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Scanning;

[Collection(RegistryCollection.Name)]
public sealed class TagAndLabelTests(RegistryFixture registry)
{
    public static TheoryData<string> InvalidCases => new(ExtensionLabelSets.InvalidCases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Invalid_label_makes_the_version_invalid_with_a_reason_naming_it(string caseName)
    {
        var invalid = ExtensionLabelSets.InvalidCases.Single(c => c.Name == caseName);
        var repository = registry.Seeder.NewRepository("invalid");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(invalid.Labels));
        using var harness = new ScannerHarness(registry.Server.Host);

        var (result, _) = await harness.ScanAsync(StoredRepository.Empty(repository));

        var version = Assert.Single(result.Versions);
        Assert.False(version.Labels.IsValid);
        Assert.Contains(version.Labels.Problems, p => p.Contains(invalid.ProblemMentions, StringComparison.Ordinal));
        // An oversized set is invalid and none of it is kept (the domain's size rule); any other set is kept as read.
        Assert.Equal(invalid.Name == "labels-over-size-limit" ? [] : invalid.Labels, version.Labels.All);
    }

    [Fact]
    public async Task Tags_that_are_not_strict_semver_are_counted_and_never_read()
    {
        var repository = registry.Seeder.NewRepository("nonsemver");
        var image = await registry.Seeder.PushAsync(repository, "1.2.3", new SeedImage(ExtensionLabelSets.Valid()));
        await registry.Seeder.TagAsync(repository, image, ["latest", "v1.2.3", "1.2", "1.2.3-rc.01", "01.2.3", "1.2.3-beta.1"]);
        using var harness = new ScannerHarness(registry.Server.Host);

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        Assert.Equal(["1.2.3", "1.2.3-beta.1"], result.Versions.Select(v => v.Tag).Order(StringComparer.Ordinal));
        Assert.Equal(5, result.IgnoredTagCount);
        Assert.Equal(2, requests.ManifestHead);
        Assert.Equal(1, requests.ManifestGet);
    }

    [Fact]
    public async Task Image_inspector_reads_labels_by_tag_and_by_digest()
    {
        var repository = registry.Seeder.NewRepository("inspect");
        var labels = ExtensionLabelSets.Valid("Inspected");
        var image = await registry.Seeder.PushAsync(repository, "4.5.6", new SeedImage(labels) { Format = ManifestFormat.Docker, Platforms = ["linux/amd64", "linux/arm64"] });
        using var harness = new ScannerHarness(registry.Server.Host);

        var byTag = await harness.Inspector.InspectAsync(repository, "4.5.6");
        var byDigest = await harness.Inspector.InspectAsync(repository, image.Digest);

        Assert.Equal(image.Digest, byTag.Digest);
        Assert.Equal(image.Digest, byDigest.Digest);
        Assert.Equal(["linux/amd64", "linux/arm64"], byTag.Platforms);
        Assert.Equal("Inspected", byDigest.Labels.Title);
    }

    [Fact]
    public async Task Image_inspector_explains_a_missing_tag()
    {
        var repository = registry.Seeder.NewRepository("inspectmissing");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()));
        using var harness = new ScannerHarness(registry.Server.Host);

        var error = await Assert.ThrowsAsync<Application.Validation.ImageInspectionException>(() => harness.Inspector.InspectAsync(repository, "9.9.9"));

        Assert.Contains("NotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repository_that_does_not_exist_fails_with_a_reason()
    {
        var repository = registry.Seeder.NewRepository("missing");
        using var harness = new ScannerHarness(registry.Server.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(repository));

        Assert.False(outcome.Succeeded);
        Assert.StartsWith("NotFound:", outcome.Failure, StringComparison.Ordinal);
    }
}
