using System.Text.Json.Serialization;

namespace Scanner.Functions.Http.Models;

public sealed record DockerHubRepository(
    [property: JsonPropertyName("repo_name")] string? RepoName,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name);
