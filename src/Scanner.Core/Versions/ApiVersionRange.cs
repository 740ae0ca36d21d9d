using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// The Extension API range an extension image declares in <c>com.docker.desktop.extension.api.version</c>:
/// npm semver range semantics (node-semver's range.js, strict mode) plus a comma as AND (Docker's documented form
/// <c>&gt;= 1.4.7, &lt; 2.0</c>).
/// </summary>
/// <remarks>
/// <para>
/// Grammar: alternatives separated by <c>||</c>; each a comparator set, whose parts are separated by commas (AND);
/// each part a hyphen range (<c>1.2.3 - 2.3.4</c>, partials allowed) or space-separated (AND) comparators:
/// <c>&lt; &lt;= &gt; &gt;= =</c> followed (spaces allowed) by a version, a bare version (exact), <c>~</c>/<c>~&gt;</c>,
/// <c>^</c>, x-ranges (<c>1.x</c>, <c>1.2.*</c>, <c>*</c>, <c>X</c>) and partial versions (<c>1</c>, <c>1.2</c>).
/// A version may start with <c>v</c>; build metadata is ignored. Only printable ASCII and the space are accepted,
/// at most <see cref="MaxLength"/> characters. An empty or blank text is an error, and so is an empty alternative or
/// part next to <c>||</c> or a comma (npm reads both as <c>*</c>; a label saying that is a mistake, and <c>*</c> says
/// "any version" explicitly).
/// </para>
/// <para>
/// <see cref="ToString"/> gives the normal form: the desugared comparators in npm's notation, sets joined by
/// <c> || </c>, such as <c>&gt;=1.4.7 &lt;2.0.0-0</c> or <c>&gt;=0.2.3 &lt;0.3.0-0 || 1.0.0-beta.1</c> (an exact version is
/// bare, an empty set is <c>*</c>). One exception keeps the round trip exact: a lower bound that came from a partial
/// version is written partial (<c>&gt;= 1.0</c> gives <c>&gt;=1.0</c>, <c>1.x</c> gives <c>&gt;=1.0 &lt;2.0.0-0</c>), because npm
/// lowers such bounds to <c>-0</c> when prereleases are included, and the left end of a hyphen range with a non-zero
/// patch stays a hyphen range in its own comma part (<c>1.2.3 - *, &lt;=2.3.4</c>). Parsing the normal form gives an
/// equal range. Two ranges are equal when their normal forms are.
/// </para>
/// <para>
/// Deliberate difference from npm: npm collapses <c>* || 1.0.0-beta</c> to <c>*</c>, losing the prerelease the second
/// alternative allows; here an alternative is never dropped unless it matches nothing.
/// </para>
/// </remarks>
public sealed class ApiVersionRange : IEquatable<ApiVersionRange>
{
    /// <summary>Longer texts are refused before parsing: no label needs more, and hostile ones must stay cheap.</summary>
    public const int MaxLength = 1024;

    private readonly IReadOnlyList<IReadOnlyList<RangeComparator>> _sets;
    private readonly string _text;

    private ApiVersionRange(IReadOnlyList<IReadOnlyList<RangeComparator>> sets)
    {
        _sets = sets;
        _text = string.Join(" || ", sets.Select(FormatSet));
    }

    /// <summary>The comparator sets (OR of ANDs) after desugaring.</summary>
    internal IReadOnlyList<IReadOnlyList<RangeComparator>> Sets => _sets;

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ApiVersionRange? range)
    {
        range = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        var alternatives = text.Split("||");
        var sets = new List<IReadOnlyList<RangeComparator>>(alternatives.Length);
        foreach (var alternative in alternatives)
        {
            var parts = alternative.Split(',');
            var comparators = new List<RangeComparator>();
            foreach (var part in parts)
            {
                if (string.IsNullOrWhiteSpace(part) || !ApiVersionRangeParser.TryParsePart(part, 0, part.Length, comparators))
                {
                    return false;
                }
            }

            sets.Add(Simplify(comparators));
        }

        range = new ApiVersionRange(DropEmptyAlternatives(sets));
        return true;
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies the range. A prerelease satisfies a comparator set only when a
    /// comparator of that set names a prerelease of the same major.minor.patch, unless
    /// <paramref name="includePrerelease"/> is true (npm's <c>includePrerelease</c>).
    /// </summary>
    public bool Includes(SemanticVersion version, bool includePrerelease = false)
    {
        ArgumentNullException.ThrowIfNull(version);

        // Indexed loops: every update check asks this of many versions, and a foreach over the lists allocates.
        for (var i = 0; i < _sets.Count; i++)
        {
            if (SetIncludes(_sets[i], version, includePrerelease))
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(ApiVersionRange? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ApiVersionRange other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The normal form (see the remarks on <see cref="ApiVersionRange"/>); parsing it gives an equal range.</summary>
    public override string ToString() => _text;

    private static bool SetIncludes(IReadOnlyList<RangeComparator> set, SemanticVersion version, bool includePrerelease)
    {
        for (var i = 0; i < set.Count; i++)
        {
            if (!set[i].Test(version, includePrerelease))
            {
                return false;
            }
        }

        if (!version.IsPrerelease || includePrerelease)
        {
            return true;
        }

        // npm's rule: >=1.2.3-beta <2.0.0 lets 1.2.3-beta.2 in, but not 1.5.0-alpha, which nobody asked for.
        foreach (var comparator in set)
        {
            if (comparator.Version.IsPrerelease && SemVerPrecedence.SameRelease(comparator.Version, version))
            {
                return true;
            }
        }

        return false;
    }

    // As npm: a set with a nothing-comparator is nothing; duplicates go; >=0.0 (a floor at zero) bounds nothing.
    private static RangeComparator[] Simplify(List<RangeComparator> comparators)
    {
        if (comparators.Contains(RangeComparator.Nothing))
        {
            return [RangeComparator.Nothing];
        }

        var zeroFloor = new RangeComparator(ComparatorOperator.GreaterOrEqual, new SemanticVersion(0, 0, 0), isPartialFloor: true);
        return comparators.Distinct().Where(c => !c.Equals(zeroFloor)).ToArray();
    }

    // As npm: alternatives that match nothing are dropped, unless nothing else is left.
    private static List<IReadOnlyList<RangeComparator>> DropEmptyAlternatives(List<IReadOnlyList<RangeComparator>> sets)
    {
        var matching = sets.Where(s => !(s.Count == 1 && s[0].Equals(RangeComparator.Nothing))).ToList();
        return matching.Count > 0 ? matching : [sets[0]];
    }

    private static string FormatSet(IReadOnlyList<RangeComparator> set) =>
        set.Count == 0 ? "*" : string.Join(set.Any(c => c.NeedsHyphenForm) ? ", " : " ", set.Select(c => c.Text));
}
