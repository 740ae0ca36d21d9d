namespace Scanner.Core.Changes;

/// <summary>Data of <c>extension.added</c> and <c>extension.removed</c>.</summary>
public sealed record ExtensionEventData(string Repository, string? Note);

/// <summary>Data of <c>extension.version.blocked</c> and <c>extension.version.unblocked</c>.</summary>
public sealed record BlockEventData(string Repository, string Version, string? Note);
