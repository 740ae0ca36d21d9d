namespace Scanner.Application.Catalog.Models;

/// <summary>One extension in the catalog list.</summary>
public sealed record ExtensionSummary(
    string Repository,
    string? Title,
    string? Vendor,
    string? Description,
    string? Icon,
    string? LatestVersion,
    string? ApiVersionRange);
