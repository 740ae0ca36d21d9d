using System.Globalization;
using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// One primitive comparison of a desugared range, such as <c>&gt;=1.4.7</c> or <c>&lt;2.0.0-0</c>.
/// <see cref="IsPartialFloor"/> marks a lower bound that came from a partial version (<c>&gt;=1.2</c>, <c>1.x</c>,
/// <c>~1</c>, the left side of <c>1.2 - 2</c>): npm lowers those to <c>-0</c> when prereleases are included, so
/// <c>1.2.0-beta</c> is in <c>1.2.x</c> then, but never in <c>&gt;=1.2.0</c>.
/// </summary>
internal sealed class RangeComparator : IEquatable<RangeComparator>
{
    private readonly SemanticVersion _boundWithPrereleases;

    public RangeComparator(ComparatorOperator op, SemanticVersion version, bool isPartialFloor = false)
    {
        Operator = op;
        Version = version;
        IsPartialFloor = isPartialFloor && op == ComparatorOperator.GreaterOrEqual && !version.IsPrerelease;
        _boundWithPrereleases = IsPartialFloor ? LowestPrereleaseOf(version) : version;
        Text = Format();
    }

    /// <summary>Matches nothing: npm's null set.</summary>
    public static RangeComparator Nothing { get; } = new(ComparatorOperator.Less, LowestPrereleaseOf(new SemanticVersion(0, 0, 0)));

    public ComparatorOperator Operator { get; }

    public SemanticVersion Version { get; }

    public bool IsPartialFloor { get; }

    /// <summary>
    /// A floor whose patch is not 0 (only the left side of a hyphen range makes one) has no comparator spelling that
    /// keeps it a floor; it is written as the hyphen range <c>1.2.3 - *</c>, which must stand alone between commas.
    /// </summary>
    public bool NeedsHyphenForm => IsPartialFloor && Version.Patch != 0;

    /// <summary>The normal text of the comparator; two comparators with the same text are the same comparator.</summary>
    public string Text { get; }

    /// <summary>The smallest version of a release line: <c>1.2.3-0</c> sorts before every other <c>1.2.3-*</c>.</summary>
    public static SemanticVersion LowestPrereleaseOf(SemanticVersion version) =>
        new(version.Major, version.Minor, version.Patch, ["0"], null);

    public bool Test(SemanticVersion version, bool includePrerelease)
    {
        var bound = includePrerelease ? _boundWithPrereleases : Version;
        var order = SemVerPrecedence.Compare(version, bound);
        return Operator switch
        {
            ComparatorOperator.Equal => order == 0,
            ComparatorOperator.Less => order < 0,
            ComparatorOperator.LessOrEqual => order <= 0,
            ComparatorOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    public bool Equals(RangeComparator? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RangeComparator other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    public override string ToString() => Text;

    private string Format()
    {
        if (IsPartialFloor)
        {
            // A partial version is what makes a floor, so the floor is written as one: >=1.2 is >=1.2.0 lowered to
            // >=1.2.0-0 when prereleases are included, exactly what it was parsed from.
            return Version.Patch == 0
                ? string.Create(CultureInfo.InvariantCulture, $">={Version.Major}.{Version.Minor}")
                : string.Create(CultureInfo.InvariantCulture, $"{Version.Major}.{Version.Minor}.{Version.Patch} - *");
        }

        var version = Version.ToNormalizedString();
        return Operator switch
        {
            ComparatorOperator.Equal => version,
            ComparatorOperator.Less => "<" + version,
            ComparatorOperator.LessOrEqual => "<=" + version,
            ComparatorOperator.Greater => ">" + version,
            _ => ">=" + version,
        };
    }
}
