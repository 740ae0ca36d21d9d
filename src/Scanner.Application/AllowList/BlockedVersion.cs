namespace Scanner.Application.AllowList;

/// <summary>A version an operator blocked (or unblocked).</summary>
public sealed record BlockedVersion(string Repository, string Version, bool Blocked);
