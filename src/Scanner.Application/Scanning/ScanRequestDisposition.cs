using System.Text.Json.Serialization;

namespace Scanner.Application.Scanning;

/// <summary>What became of a scan request (DESIGN.md section 5: at most one pending per repository).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScanRequestDisposition>))]
public enum ScanRequestDisposition
{
    /// <summary>A <c>scan-requests</c> message was sent.</summary>
    [JsonStringEnumMemberName("enqueued")]
    Enqueued,

    /// <summary>A message was already on its way; its scan starts after this request and sees what it asks for.</summary>
    [JsonStringEnumMemberName("already-pending")]
    AlreadyPending,

    /// <summary>A scan is running; it runs once more when it ends.</summary>
    [JsonStringEnumMemberName("follow-up")]
    FollowUp,
}
