namespace Scanner.Application.Catalog.Models;

public sealed record ExtensionDetail(
    string Repository,
    string? Note,
    DateTimeOffset AddedAt,
    string? Title,
    string? Vendor,
    string? Description,
    string? Icon,
    string? LatestVersion,
    ScanStatus Scan,
    IReadOnlyList<VersionDetail> Versions);
