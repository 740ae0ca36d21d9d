using NuGet.Versioning;

namespace Scanner.Registry.Scanning;

/// <summary>
/// Which known tags a scan HEAD-checks for a retag: the newest <see cref="NewestEveryScan"/> every scan, the others in
/// turns so that each is checked once every <see cref="Period"/> scans. A scan of N unchanged tags then costs at most
/// <c>3 + ceil((N - 3) / 8)</c> HEADs instead of N.
/// </summary>
public static class RecheckBudget
{
    public const int NewestEveryScan = 3;

    public const int Period = 8;

    /// <summary>The tags to re-check in the scan that follows <paramref name="scanCount"/> committed scans.</summary>
    public static IReadOnlySet<string> Select(IEnumerable<KeyValuePair<string, SemanticVersion>> knownTags, long scanCount)
    {
        ArgumentNullException.ThrowIfNull(knownTags);
        ArgumentOutOfRangeException.ThrowIfNegative(scanCount);
        var newestFirst = knownTags.OrderByDescending(t => t.Value, VersionComparer.VersionRelease).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in newestFirst.Take(NewestEveryScan))
        {
            chosen.Add(tag.Key);
        }

        // Oldest first, so a newly published version does not shift the turn of every older one.
        var turn = (int)(scanCount % Period);
        var rest = newestFirst.Count - NewestEveryScan;
        for (var i = 0; i < rest; i++)
        {
            if (i % Period == turn)
            {
                chosen.Add(newestFirst[newestFirst.Count - 1 - i].Key);
            }
        }

        return chosen;
    }
}
