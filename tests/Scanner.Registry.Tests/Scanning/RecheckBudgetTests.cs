using NuGet.Versioning;
using Scanner.Registry.Scanning;

namespace Scanner.Registry.Tests.Scanning;

public sealed class RecheckBudgetTests
{
    private static List<KeyValuePair<string, SemanticVersion>> Tags(int count) =>
        Enumerable.Range(0, count).Select(i => new KeyValuePair<string, SemanticVersion>($"1.{i}.0", new SemanticVersion(1, i, 0))).ToList();

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(50)]
    [InlineData(1001)]
    public void Every_scan_checks_at_most_the_newest_three_and_an_eighth_of_the_rest(int count)
    {
        for (var scan = 0L; scan < 20; scan++)
        {
            var chosen = RecheckBudget.Select(Tags(count), scan);

            Assert.True(chosen.Count <= Math.Min(count, 3) + (int)Math.Ceiling(Math.Max(0, count - 3) / 8.0));
        }
    }

    [Fact]
    public void Newest_three_are_checked_every_scan()
    {
        for (var scan = 0L; scan < 16; scan++)
        {
            var chosen = RecheckBudget.Select(Tags(50), scan);

            Assert.Contains("1.49.0", chosen);
            Assert.Contains("1.48.0", chosen);
            Assert.Contains("1.47.0", chosen);
        }
    }

    [Theory]
    [InlineData(50, 0)]
    [InlineData(50, 5)]
    [InlineData(11, 3)]
    public void Any_eight_consecutive_scans_check_every_tag(int count, long firstScan)
    {
        var checkedTags = new HashSet<string>();
        for (var scan = firstScan; scan < firstScan + RecheckBudget.Period; scan++)
        {
            checkedTags.UnionWith(RecheckBudget.Select(Tags(count), scan));
        }

        Assert.Equal(count, checkedTags.Count);
    }

    [Fact]
    public void A_new_newest_version_does_not_change_the_turn_of_older_ones()
    {
        var before = RecheckBudget.Select(Tags(50), 3).Where(t => t is not ("1.49.0" or "1.48.0" or "1.47.0"));
        var after = RecheckBudget.Select(Tags(51), 3);

        Assert.All(before, tag => Assert.Contains(tag, after));
    }
}
