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
        ApiRange = Versions.ApiVersionRange.TryParse(record.ApiVersionRange, out var range) ? range : null;
    }

    public VersionRecord Record { get; }

    public SemanticVersion Version { get; }

    public ApiVersionRange? ApiRange { get; }

    public bool IsBlocked { get; }

    /// <summary>Offered to clients at all: valid and not blocked. Compatibility is decided per client.</summary>
    public bool IsOffered => Record.IsValid && !IsBlocked && ApiRange is not null;
}
