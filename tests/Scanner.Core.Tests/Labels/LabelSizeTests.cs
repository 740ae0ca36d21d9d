using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Core.Tests.Support;

namespace Scanner.Core.Tests.Labels;

/// <summary>The size limit of a label set is the domain's: the verdict and what the record keeps are decided here.</summary>
public class LabelSizeTests
{
    private const string Padding = "org.example.padding";

    [Fact]
    public void A_label_set_exactly_at_the_limit_is_valid_and_kept_whole()
    {
        var atCap = PaddedTo(ExtensionLabels.MaxTotalBytes);

        var labels = ExtensionLabels.Read(atCap);

        Assert.Equal(ExtensionLabels.MaxTotalBytes, ExtensionLabels.MeasureBytes(atCap));
        Assert.True(labels.IsValid, string.Join("; ", labels.Problems));
        Assert.Equal(atCap[Padding], labels.All[Padding]);
        Assert.Equal(atCap.Count, labels.All.Count);
    }

    [Fact]
    public void One_byte_over_the_limit_makes_the_version_invalid_with_a_reason_and_the_labels_are_not_kept()
    {
        var overCap = PaddedTo(ExtensionLabels.MaxTotalBytes + 1);

        var labels = ExtensionLabels.Read(overCap);

        Assert.False(labels.IsValid);
        var problem = Assert.Single(labels.Problems);
        Assert.Equal($"labels take {ExtensionLabels.MaxTotalBytes + 1} bytes, over the 448 KiB limit, and are not kept", problem);
        Assert.Empty(labels.All);
        Assert.Null(labels.ApiRange);
        Assert.Null(labels.Title);
    }

    [Fact]
    public void The_limit_counts_the_stored_json_so_escaped_characters_count_as_their_escapes()
    {
        // 100,000 euro signs are 300,000 bytes of UTF-8 but 600,000 bytes of JSON ("\u20AC" each).
        var labels = LabelSets.Valid().With(LabelNames.DetailedDescription, new string('\u20ac', 100_000));

        Assert.True(ExtensionLabels.MeasureBytes(labels) > 600_000);
        Assert.Contains(ExtensionLabels.Read(labels).Problems, p => p.Contains("over the 448 KiB limit", StringComparison.Ordinal));
    }

    [Fact]
    public void Other_problems_of_an_oversized_set_are_still_reported()
    {
        var labels = PaddedTo(ExtensionLabels.MaxTotalBytes + 100).Without(LabelNames.Vendor);

        var problems = ExtensionLabels.Read(labels).Problems;

        Assert.Equal(2, problems.Count);
        Assert.Contains($"missing label {LabelNames.Vendor}", problems);
    }

    [Fact]
    public void A_link_array_of_many_bad_items_reports_a_few_and_counts_the_rest()
    {
        var screenshots = "[" + string.Join(',', Enumerable.Repeat("{}", 10_000)) + "]";

        var problems = ExtensionLabels.Read(LabelSets.Valid().With(LabelNames.Screenshots, screenshots)).Problems;

        Assert.Equal(ExtensionLabels.MaxItemProblemsPerLabel + 1, problems.Count);
        Assert.Equal($"{LabelNames.Screenshots} has {10_000 - ExtensionLabels.MaxItemProblemsPerLabel} more malformed items", problems[^1]);
    }

    [Fact]
    public void The_record_of_an_oversized_version_is_rejected_and_carries_no_labels()
    {
        var repository = RepositoryName.Parse("docker.io/acme/big");
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var scanned = new ScannedVersion(
            "1.0.0",
            NuGet.Versioning.SemanticVersion.Parse("1.0.0"),
            "sha256:" + new string('a', 64),
            ["linux/amd64"],
            ExtensionLabels.Read(PaddedTo(ExtensionLabels.MaxTotalBytes + 1)));

        var changes = ChangeDetector.Detect(StoredRepository.Empty(repository), new RepositoryScanResult(repository, at, [scanned], 0));

        var record = Assert.Single(changes.Upserts);
        Assert.False(record.IsValid);
        Assert.Empty(record.Labels);
        Assert.Contains(record.Problems, p => p.Contains("448 KiB", StringComparison.Ordinal));
        var announced = Assert.Single(changes.Events);
        Assert.Equal(ChangeEventTypes.VersionRejected, announced.Type);
        Assert.Empty(ChangeEvents.ReadVersionRecord(announced)!.Labels);
    }

    /// <summary>A valid label set padded with one plain-ASCII label to exactly <paramref name="bytes"/> of JSON.</summary>
    private static Dictionary<string, string> PaddedTo(int bytes)
    {
        var labels = LabelSets.Valid().With(Padding, string.Empty);
        var missing = bytes - ExtensionLabels.MeasureBytes(labels);
        return labels.With(Padding, new string('a', checked((int)missing)));
    }
}
