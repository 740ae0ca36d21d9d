using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Catalog;

/// <summary>
/// The domain sizes label sets so that any record it accepts fits a row (ExtensionLabels.MaxTotalBytes); storage
/// decides nothing about them and must store the largest such record whole.
/// </summary>
[Collection(AzuriteCollection.Name)]
public class MaximalRecordTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_largest_label_set_the_domain_accepts_round_trips_whole_through_catalog_outbox_and_feed()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository();
        var labels = IncompressibleLabelsAtTheLimit();
        var version = Scans.Version("1.0.0", labels: labels);
        Assert.True(version.Labels.IsValid, string.Join("; ", version.Labels.Problems));

        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, version));

        var stored = Assert.Single((await storage.Catalog.LoadAsync(repository)).Versions);
        Assert.True(stored.IsValid);
        Assert.Equal(labels.OrderBy(l => l.Key, StringComparer.Ordinal), stored.Labels.OrderBy(l => l.Key, StringComparer.Ordinal));
        var announced = ChangeEvents.ReadVersionRecord(Assert.Single(await storage.ReadWholeFeedAsync()))!;
        Assert.Equal(labels[LabelNames.DetailedDescription], announced.Labels[LabelNames.DetailedDescription]);
    }

    // Random printable ASCII needs no JSON escape, so it fills the limit exactly, and gzip gains little on it.
    private static Dictionary<string, string> IncompressibleLabelsAtTheLimit()
    {
        var labels = new Dictionary<string, string>(Scans.ValidLabels()) { [LabelNames.DetailedDescription] = string.Empty };
        var missing = (int)(ExtensionLabels.MaxTotalBytes - ExtensionLabels.MeasureBytes(labels));
        var random = new Random(7);
        var text = new char[missing];
        for (var i = 0; i < text.Length; i++)
        {
            char c;
            do
            {
                c = (char)random.Next(0x20, 0x7f);
            }
            while (c is '"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`');
            text[i] = c;
        }

        labels[LabelNames.DetailedDescription] = new string(text);
        Assert.Equal(ExtensionLabels.MaxTotalBytes, ExtensionLabels.MeasureBytes(labels));
        return labels;
    }
}
