namespace Scanner.Application.Catalog.Models;

public sealed record ExtensionList(IReadOnlyList<ExtensionSummary> Extensions);
