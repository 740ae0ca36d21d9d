using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// The tag policy: a tag is a version when it is strict SemVer 2.0. Docker tags cannot carry <c>+build</c>
/// (<c>+</c> is not a tag character), so build metadata never makes a tag a version.
/// </summary>
public static partial class VersionTag
{
    /// <summary>The longest tag the distribution spec allows.</summary>
    public const int MaxTagLength = 128;

    public static bool IsVersion([NotNullWhen(true)] string? tag) => TryParse(tag, out _);

    public static bool TryParse([NotNullWhen(true)] string? tag, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (tag is null || tag.Length is 0 or > MaxTagLength || !StrictSemVer().IsMatch(tag))
        {
            return false;
        }

        // The pattern has already rejected everything NuGet would be lenient about; this only fails on overflow.
        return SemanticVersion.TryParse(tag, out version);
    }

    /// <summary>The normal text of a version as stored and served: what <see cref="TryParse"/> accepted.</summary>
    public static string Format(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.ToNormalizedString();
    }

    // semver.org's reference pattern without build metadata, with [0-9] so that no Unicode digit passes, and \z
    // rather than $ so that a trailing newline does not either.
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex StrictSemVer();
}
