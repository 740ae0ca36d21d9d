using System.Globalization;
using System.Text;
using NuGet.Versioning;

namespace Scanner.Storage.Keys;

/// <summary>
/// Row keys of version rows whose ordinal string order equals SemVer 2.0 precedence as NuGet.Versioning's
/// <see cref="VersionComparer.Default"/> decides it (prerelease identifiers compare case-insensitively there), and
/// which decode back to the exact version text.
/// </summary>
/// <remarks>
/// Layout: <c>v~MMMMMMMMMM.mmmmmmmmmm.pppppppppp</c> then <c>~</c> for a release, or <c>-</c> and the prerelease
/// identifiers for a prerelease (<c>-</c> sorts before <c>~</c>, so every prerelease precedes its release). A numeric
/// identifier is <c>0</c>, its length in three digits and its digits (numbers compare by length, then digit by digit);
/// an alphanumeric one is <c>1</c> and its text in lower case (numeric identifiers sort first). Identifiers are
/// separated by <c>+</c>, which sorts below every identifier character, so a shorter list sorts first. When the
/// prerelease has upper-case letters, <c>!</c> and its exact text follow; <c>!</c> also sorts below <c>+</c>.
/// </remarks>
public static class VersionRowKey
{
    public const string Prefix = "v~";

    /// <summary>The first key after every version key: the exclusive upper bound of a range query.</summary>
    public const string UpperBound = "v~~";

    private const int NumberWidth = 10;
    private const char ReleaseMark = '~';
    private const char PrereleaseMark = '-';
    private const char Separator = '+';
    private const char CaseMark = '!';

    public static string Encode(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var builder = new StringBuilder(Prefix, 48);
        AppendNumber(builder, version.Major).Append('.');
        AppendNumber(builder, version.Minor).Append('.');
        AppendNumber(builder, version.Patch);
        if (!version.IsPrerelease)
        {
            return builder.Append(ReleaseMark).ToString();
        }

        builder.Append(PrereleaseMark);
        var first = true;
        foreach (var label in version.ReleaseLabels)
        {
            if (!first)
            {
                builder.Append(Separator);
            }

            first = false;
            if (IsNumeric(label))
            {
                builder.Append('0').Append(label.Length.ToString("D3", CultureInfo.InvariantCulture)).Append(label);
            }
            else
            {
                builder.Append('1').Append(label.ToLowerInvariant());
            }
        }

        if (version.Release.Any(char.IsUpper))
        {
            builder.Append(CaseMark).Append(version.Release);
        }

        return builder.ToString();
    }

    public static SemanticVersion Decode(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        var fixedLength = Prefix.Length + (3 * NumberWidth) + 3;
        if (!rowKey.StartsWith(Prefix, StringComparison.Ordinal) || rowKey.Length < fixedLength)
        {
            throw new FormatException($"'{rowKey}' is not a version row key.");
        }

        var major = ParseNumber(rowKey, Prefix.Length);
        var minor = ParseNumber(rowKey, Prefix.Length + NumberWidth + 1);
        var patch = ParseNumber(rowKey, Prefix.Length + (2 * NumberWidth) + 2);
        var mark = rowKey[fixedLength - 1];
        if (mark == ReleaseMark && rowKey.Length == fixedLength)
        {
            return new SemanticVersion(major, minor, patch);
        }

        if (mark != PrereleaseMark)
        {
            throw new FormatException($"'{rowKey}' is not a version row key.");
        }

        var tail = rowKey[fixedLength..];
        var caseMark = tail.IndexOf(CaseMark, StringComparison.Ordinal);
        if (caseMark >= 0)
        {
            return new SemanticVersion(major, minor, patch, tail[(caseMark + 1)..]);
        }

        var labels = tail.Split(Separator).Select(part => part.Length > 0 && part[0] == '0' ? part[4..] : part[1..]);
        return new SemanticVersion(major, minor, patch, labels, metadata: null);
    }

    private static StringBuilder AppendNumber(StringBuilder builder, int value) =>
        builder.Append(value.ToString("D" + NumberWidth.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static int ParseNumber(string rowKey, int start) =>
        int.TryParse(rowKey.AsSpan(start, NumberWidth), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{rowKey}' is not a version row key.");

    private static bool IsNumeric(string label) => label.Length > 0 && label.All(char.IsAsciiDigit);
}
