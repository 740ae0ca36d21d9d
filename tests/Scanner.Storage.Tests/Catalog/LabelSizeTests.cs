using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Catalog;

[Collection(AzuriteCollection.Name)]
public class LabelSizeTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(200, false)]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public async Task Labels_under_the_limit_are_stored_and_announced_whole(int kibibytes, bool incompressible)
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var labels = incompressible ? RandomLabelsOf(kibibytes) : LabelsOf(kibibytes);

        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0", labels: labels)));

        var stored = Assert.Single((await storage.Catalog.LoadAsync(repository)).Versions);
        Assert.Equal(labels[LabelNames.DetailedDescription], stored.Labels[LabelNames.DetailedDescription]);
        Assert.Equal(labels.Count, stored.Labels.Count);
        var announced = ChangeEvents.ReadVersionRecord(Assert.Single(await storage.ReadWholeFeedAsync()))!;
        Assert.Equal(labels[LabelNames.DetailedDescription], announced.Labels[LabelNames.DetailedDescription]);
    }

    [Fact]
    public async Task Labels_of_600_KiB_make_the_version_invalid_with_a_reason_instead_of_truncating()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();

        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, Scans.Version("1.0.0", labels: LabelsOf(600))));

        var stored = Assert.Single((await storage.Catalog.LoadAsync(repository)).Versions);
        Assert.False(stored.IsValid);
        Assert.Contains(stored.Problems, p => p.Contains("512 KiB", StringComparison.Ordinal));
        Assert.Empty(stored.Labels);
        var announced = Assert.Single(await storage.ReadWholeFeedAsync());
        Assert.Equal(ChangeEventTypes.VersionRejected, announced.Type);
        Assert.Empty(ChangeEvents.ReadVersionRecord(announced)!.Labels);
    }

    // Base64 of random bytes, as an inlined icon would be: JSON escapes its '+' and compression gains little.
    private static Dictionary<string, string> RandomLabelsOf(int kibibytes)
    {
        var bytes = new byte[kibibytes * 1024 * 3 / 4];
        new Random(7).NextBytes(bytes);
        return new(Scans.ValidLabels()) { [LabelNames.DetailedDescription] = Convert.ToBase64String(bytes) };
    }

    private static Dictionary<string, string> LabelsOf(int kibibytes) =>
        new(Scans.ValidLabels()) { [LabelNames.DetailedDescription] = string.Concat(Enumerable.Repeat("<p>détails</p>", kibibytes * 1024 / 16)) };
}
