using System.Text.Json;
using Scanner.Application.Updates.Models;
using Scanner.Core.Updates;

namespace Scanner.Functions.Http;

/// <summary>
/// Writes an <see cref="UpdateCheckResponse"/> as <see cref="ScannerJsonContext"/> would, property for property, with
/// every name and status pre-encoded. The generated serializer spent most of the update check's writing time on
/// per-value bookkeeping (the status enum through its converter, the list through its enumerator); a test holds this
/// writer's bytes to the generated serializer's.
/// </summary>
public static class UpdateCheckResponseWriter
{
    private static readonly JsonEncodedText ApiVersion = JsonEncodedText.Encode("apiVersion");
    private static readonly JsonEncodedText IncludePrerelease = JsonEncodedText.Encode("includePrerelease");
    private static readonly JsonEncodedText Updates = JsonEncodedText.Encode("updates");
    private static readonly JsonEncodedText Repository = JsonEncodedText.Encode("repository");
    private static readonly JsonEncodedText InstalledVersion = JsonEncodedText.Encode("installedVersion");
    private static readonly JsonEncodedText LatestVersion = JsonEncodedText.Encode("latestVersion");
    private static readonly JsonEncodedText LatestCompatibleVersion = JsonEncodedText.Encode("latestCompatibleVersion");
    private static readonly JsonEncodedText UpdateAvailable = JsonEncodedText.Encode("updateAvailable");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");

    // The wire names the enum declares (JsonStringEnumMemberName), as its converter writes them.
    private static readonly JsonEncodedText[] StatusNames = [.. Enum.GetValues<UpdateStatus>()
        .Select(status => JsonEncodedText.Encode(JsonSerializer.SerializeToElement(status, ScannerJsonContext.Default.UpdateStatus).GetString()!))];

    public static void Write(Utf8JsonWriter writer, UpdateCheckResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartObject();
        writer.WriteString(ApiVersion, response.ApiVersion);
        writer.WriteBoolean(IncludePrerelease, response.IncludePrerelease);
        writer.WriteStartArray(Updates);
        var updates = response.Updates;
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            writer.WriteStartObject();
            writer.WriteString(Repository, update.Repository);
            writer.WriteString(InstalledVersion, update.InstalledVersion);
            writer.WriteString(LatestVersion, update.LatestVersion);
            writer.WriteString(LatestCompatibleVersion, update.LatestCompatibleVersion);
            writer.WriteBoolean(UpdateAvailable, update.UpdateAvailable);
            writer.WriteString(Status, StatusNames[(int)update.Status]);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
