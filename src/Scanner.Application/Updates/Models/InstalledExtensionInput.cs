namespace Scanner.Application.Updates.Models;

/// <summary>One installed extension as a client sends it; parsed by <see cref="CheckUpdates"/>.</summary>
public sealed record InstalledExtensionInput(string? Repository, string? Version);
