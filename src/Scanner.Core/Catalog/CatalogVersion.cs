using NuGet.Versioning;
using Scanner.Core.Versions;

namespace Scanner.Core.Catalog;

/// <summary>A stored version with what answering clients needs already parsed, so no request parses anything.</summary>
public sealed class CatalogVersion
{
    public CatalogVersion(VersionRecord record, bool isBlocked)
    {
        ArgumentNullException.ThrowIfNull(record);
        Record = record;
        IsBlocked = isBlocked;
        Version = SemanticVersion.Parse(record.Version);
        var text = VersionTag.Format(Version);
        Text = string.Equals(text, record.Version, StringComparison.Ordinal) ? record.Version : text;
        ApiRange = Versions.ApiVersionRange.TryParse(record.ApiVersionRange, out var range) ? range : null;
        IsPrerelease = Version.IsPrerelease;
        IsOffered = record.IsValid && !isBlocked && ApiRange is not null;
    }

    public VersionRecord Record { get; }

    public SemanticVersion Version { get; }

    /// <summary>The normal text of <see cref="Version"/>, formatted once: answers carry it as it is.</summary>
    public string Text { get; }

    public ApiVersionRange? ApiRange { get; }

    public bool IsBlocked { get; }

    /// <summary><see cref="Version"/> has prerelease labels (decided once: every update check asks).</summary>
    public bool IsPrerelease { get; }

    /// <summary>Offered to clients at all: valid and not blocked. Compatibility is decided per client.</summary>
    public bool IsOffered { get; }
}
