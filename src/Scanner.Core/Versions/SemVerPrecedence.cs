using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// SemVer 2.0 precedence exactly as npm's semver compares: numeric identifiers numerically (any length), others by
/// ordinal (case-sensitive) order, build metadata ignored. NuGet's own comparer ignores case in labels, npm does not.
/// </summary>
internal static class SemVerPrecedence
{
    public static int Compare(SemanticVersion left, SemanticVersion right)
    {
        var result = left.Major.CompareTo(right.Major);
        if (result != 0)
        {
            return result;
        }

        result = left.Minor.CompareTo(right.Minor);
        if (result != 0)
        {
            return result;
        }

        result = left.Patch.CompareTo(right.Patch);
        if (result != 0)
        {
            return result;
        }

        return CompareReleaseLabels(ReleaseLabels(left), ReleaseLabels(right));
    }

    public static bool SameRelease(SemanticVersion left, SemanticVersion right) =>
        left.Major == right.Major && left.Minor == right.Minor && left.Patch == right.Patch;

    private static IReadOnlyList<string> ReleaseLabels(SemanticVersion version) =>
        version.IsPrerelease ? version.ReleaseLabels as IReadOnlyList<string> ?? version.ReleaseLabels.ToArray() : [];

    private static int CompareReleaseLabels(IReadOnlyList<string> left, IReadOnlyList<string> right)
    {
        // A release sorts after every prerelease of the same version.
        if (left.Count == 0 || right.Count == 0)
        {
            return (left.Count == 0, right.Count == 0) switch
            {
                (true, true) => 0,
                (true, false) => 1,
                _ => -1,
            };
        }

        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var result = CompareIdentifier(left[i], right[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private static int CompareIdentifier(string left, string right)
    {
        var leftNumeric = IsNumeric(left);
        var rightNumeric = IsNumeric(right);
        if (leftNumeric && rightNumeric)
        {
            var a = left.TrimStart('0');
            var b = right.TrimStart('0');
            return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
        }

        if (leftNumeric != rightNumeric)
        {
            return leftNumeric ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(left, right));
    }

    private static bool IsNumeric(string identifier)
    {
        if (identifier.Length == 0)
        {
            return false;
        }

        foreach (var c in identifier)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
