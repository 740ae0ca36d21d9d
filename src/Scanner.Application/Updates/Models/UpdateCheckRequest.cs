namespace Scanner.Application.Updates.Models;

/// <summary>The body of <c>POST /api/v1/updates</c>.</summary>
public sealed record UpdateCheckRequest(string? ApiVersion, IReadOnlyList<InstalledExtensionInput>? Installed, bool? IncludePrerelease);
