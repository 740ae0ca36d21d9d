using System.Text.Json.Serialization;

namespace Scanner.Core.Updates;

/// <summary>The answer to one installed extension in an update check (DESIGN.md section 6).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UpdateStatus>))]
public enum UpdateStatus
{
    [JsonStringEnumMemberName("up-to-date")]
    UpToDate,

    [JsonStringEnumMemberName("update-available")]
    UpdateAvailable,

    /// <summary>A newer version exists, but its API range needs a newer Docker Desktop than the client's.</summary>
    [JsonStringEnumMemberName("newer-version-needs-newer-desktop")]
    NewerVersionNeedsNewerDesktop,

    [JsonStringEnumMemberName("unknown-extension")]
    UnknownExtension,

    [JsonStringEnumMemberName("installed-version-blocked")]
    InstalledVersionBlocked,

    /// <summary>Allow-listed, but no scan has succeeded yet: the service does not know, and says so.</summary>
    [JsonStringEnumMemberName("not-scanned-yet")]
    NotScannedYet,
}
