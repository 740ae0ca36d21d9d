using System.Text.Json.Serialization;

namespace Scanner.Application.Scanning;

[JsonConverter(typeof(JsonStringEnumConverter<RepositoryScanStatus>))]
public enum RepositoryScanStatus
{
    [JsonStringEnumMemberName("scanned")]
    Scanned,

    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>The registry's pull allowance ran low; retried at <see cref="RepositoryScanReport.RetryAt"/>.</summary>
    [JsonStringEnumMemberName("throttled")]
    Throttled,

    /// <summary>Not on the allow-list (any more): nothing was read from the registry.</summary>
    [JsonStringEnumMemberName("not-allow-listed")]
    NotAllowListed,

    /// <summary>Another worker holds the lease; it scans once more when it ends.</summary>
    [JsonStringEnumMemberName("deferred")]
    Deferred,
}
