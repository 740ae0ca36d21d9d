using System.Diagnostics.CodeAnalysis;
using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// The Extension API range an extension image declares in <c>com.docker.desktop.extension.api.version</c>:
/// npm semver range semantics plus a comma as AND (Docker's documented form <c>&gt;= 1.4.7, &lt; 2.0</c>).
/// </summary>
public sealed class ApiVersionRange
{
    private readonly string _text = string.Empty;

    private ApiVersionRange()
    {
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ApiVersionRange? range)
    {
        range = null;
        _ = text;
        return false;
    }

    public bool Includes(SemanticVersion version, bool includePrerelease = false)
    {
        ArgumentNullException.ThrowIfNull(version);
        return includePrerelease && _text.Length > 0;
    }

    public override string ToString() => _text;
}
