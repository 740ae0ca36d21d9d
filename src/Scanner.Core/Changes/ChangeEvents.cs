using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;
using Scanner.Core.Serialization;

namespace Scanner.Core.Changes;

/// <summary>Builds change events with deterministic ids: the same change (same inputs) always gets the same id.</summary>
public static class ChangeEvents
{
    public const string SourcePrefix = "/extensions/";

    /// <summary>An event about one version; <paramref name="revision"/> is the repository revision the change commits.</summary>
    public static CloudEvent ForVersion(string type, VersionRecord record, long revision, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new CloudEvent
        {
            Id = EventId(record.Repository, revision.ToString(System.Globalization.CultureInfo.InvariantCulture), type, record.Version, record.Digest),
            Source = SourcePrefix + record.Repository,
            Type = type,
            Time = time,
            Subject = record.Version,
            Data = JsonSerializer.SerializeToElement(record, CoreJsonContext.Default.VersionRecord),
        };
    }

    /// <summary>
    /// <c>extension.added</c> or <c>extension.removed</c>; <paramref name="changeKey"/> tells this change apart from an
    /// earlier add or remove of the same repository (the allow-list row's timestamp, say).
    /// </summary>
    public static CloudEvent ForExtension(string type, RepositoryName repository, string? note, string changeKey, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new CloudEvent
        {
            Id = EventId(repository.Value, changeKey, type, string.Empty, string.Empty),
            Source = SourcePrefix + repository.Value,
            Type = type,
            Time = time,
            Data = JsonSerializer.SerializeToElement(new ExtensionEventData(repository.Value, note), CoreJsonContext.Default.ExtensionEventData),
        };
    }

    /// <summary><c>extension.version.blocked</c> or <c>extension.version.unblocked</c>.</summary>
    public static CloudEvent ForBlock(string type, RepositoryName repository, string version, string? note, string changeKey, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new CloudEvent
        {
            Id = EventId(repository.Value, changeKey, type, version, string.Empty),
            Source = SourcePrefix + repository.Value,
            Type = type,
            Time = time,
            Subject = version,
            Data = JsonSerializer.SerializeToElement(new BlockEventData(repository.Value, version, note), CoreJsonContext.Default.BlockEventData),
        };
    }

    /// <summary>The version record an event carries, or null when its type carries none.</summary>
    public static VersionRecord? ReadVersionRecord(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return ChangeEventTypes.CarriesVersionRecord(cloudEvent.Type)
            ? cloudEvent.Data.Deserialize(CoreJsonContext.Default.VersionRecord)
            : null;
    }

    private static string EventId(string repository, string changeKey, string type, string version, string digest)
    {
        var text = string.Join('\n', repository, changeKey, type, version, digest);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
