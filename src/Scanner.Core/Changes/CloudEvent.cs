using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scanner.Core.Changes;

/// <summary>A CloudEvents 1.0 event in JSON structured mode.</summary>
public sealed record CloudEvent
{
    public const string SpecVersion10 = "1.0";

    [JsonPropertyName("specversion")]
    public string SpecVersion { get; init; } = SpecVersion10;

    /// <summary>Deterministic: the same change always gets the same id, so retries deduplicate.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary><c>/extensions/{repository}</c>.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("time")]
    public required DateTimeOffset Time { get; init; }

    /// <summary>The version the event is about, when it is about one.</summary>
    [JsonPropertyName("subject")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonPropertyName("datacontenttype")]
    public string DataContentType { get; init; } = "application/json";

    [JsonPropertyName("data")]
    public JsonElement Data { get; init; }

    /// <summary>The repository named by <see cref="Source"/>.</summary>
    [JsonIgnore]
    public string Repository => Source.StartsWith(ChangeEvents.SourcePrefix, StringComparison.Ordinal)
        ? Source[ChangeEvents.SourcePrefix.Length..]
        : Source;
}
