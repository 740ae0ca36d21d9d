using NuGet.Versioning;

namespace Scanner.Core.Versions;

/// <summary>
/// A version as written in a range, where trailing parts may be missing or wildcards (<c>1</c>, <c>1.2.x</c>, <c>*</c>).
/// A null part is a wildcard; once a part is a wildcard every later part is one too.
/// </summary>
internal readonly record struct PartialVersion(int? Major, int? Minor, int? Patch, IReadOnlyList<string> Prerelease)
{
    public bool IsAny => Major is null;

    public bool HasWildcard => Patch is null;

    /// <summary>The version this partial names, wildcards read as 0 (only meaningful when <see cref="IsAny"/> is false).</summary>
    public SemanticVersion Floor => new(Major ?? 0, Minor ?? 0, Patch ?? 0);

    /// <summary>The exact version; only when no part is a wildcard.</summary>
    public SemanticVersion Exact => new(Major ?? 0, Minor ?? 0, Patch ?? 0, Prerelease, null);
}
