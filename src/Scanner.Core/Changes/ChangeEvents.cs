using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;
using Scanner.Core.Serialization;
using Scanner.Core.Versions;

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

    /// <summary>
    /// The version record an event carries, or null when its type carries none.
    /// </summary>
    /// <exception cref="FormatException">The type carries a record but the data is not a well-formed one.</exception>
    public static VersionRecord? ReadVersionRecord(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        if (!ChangeEventTypes.CarriesVersionRecord(cloudEvent.Type))
        {
            return null;
        }

        return TryReadVersionRecord(cloudEvent, out var record, out var error)
            ? record
            : throw new FormatException($"Event {cloudEvent.Id}: {error}");
    }

    /// <summary>
    /// Reads the version record of an event whose type carries one; <paramref name="error"/> says why not otherwise.
    /// Never throws on the event's content: events can come from a feed written by another version of the service.
    /// </summary>
    public static bool TryReadVersionRecord(
        CloudEvent cloudEvent,
        [NotNullWhen(true)] out VersionRecord? record,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        record = null;
        if (!ChangeEventTypes.CarriesVersionRecord(cloudEvent.Type))
        {
            error = $"events of type '{cloudEvent.Type}' carry no version record";
            return false;
        }

        if (cloudEvent.Data.ValueKind != JsonValueKind.Object)
        {
            error = $"the data is a JSON {cloudEvent.Data.ValueKind}, not an object";
            return false;
        }

        VersionRecord? read;
        try
        {
            read = cloudEvent.Data.Deserialize(CoreJsonContext.Default.VersionRecord);
        }
        catch (JsonException e)
        {
            error = "the data is not a version record: " + e.Message;
            return false;
        }

        // The serializer lets JSON nulls into non-nullable members; a record with holes must not travel further.
        if (read is null || read.Repository is null || read.Digest is null || read.Platforms is null ||
            read.Labels is null || read.Problems is null || read.Platforms.Any(p => p is null) ||
            read.Problems.Any(p => p is null) || read.Labels.Values.Any(v => v is null))
        {
            error = "the version record has null members";
            return false;
        }

        if (!VersionTag.TryParse(read.Version, out var version) || VersionTag.Format(version) != read.Version)
        {
            error = "the version record's version is not a normal SemVer version";
            return false;
        }

        record = read;
        error = null;
        return true;
    }

    private static string EventId(string repository, string changeKey, string type, string version, string digest)
    {
        var text = string.Join('\n', repository, changeKey, type, version, digest);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
