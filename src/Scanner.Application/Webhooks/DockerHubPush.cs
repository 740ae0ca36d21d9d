namespace Scanner.Application.Webhooks;

/// <summary>The parts of a Docker Hub push payload the service reads: only hints, the registry is re-read.</summary>
public sealed record DockerHubPush(string? RepoName, string? Tag, bool HasPushData);
