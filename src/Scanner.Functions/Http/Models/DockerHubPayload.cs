using System.Text.Json.Serialization;

namespace Scanner.Functions.Http.Models;

/// <summary>A Docker Hub push webhook body; only <c>repository.repo_name</c> and <c>push_data</c> are read.</summary>
public sealed record DockerHubPayload(
    [property: JsonPropertyName("callback_url")] string? CallbackUrl,
    [property: JsonPropertyName("push_data")] DockerHubPushData? PushData,
    [property: JsonPropertyName("repository")] DockerHubRepository? Repository);
