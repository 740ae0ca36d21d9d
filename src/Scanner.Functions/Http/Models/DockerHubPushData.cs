using System.Text.Json.Serialization;

namespace Scanner.Functions.Http.Models;

public sealed record DockerHubPushData(
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("pusher")] string? Pusher,
    [property: JsonPropertyName("pushed_at")] long? PushedAt);
