using System.Text;
using System.Text.Json;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Labels;
using Scanner.Core.Serialization;

namespace Scanner.Storage.Catalog;

/// <summary>
/// Label sets over <see cref="ExtensionLabels.MaxTotalBytes"/> are not stored: the version is kept, invalid, with a
/// reason saying so, instead of a silently truncated label set. Anything under the limit is stored whole (in chunks).
/// </summary>
public static class StoredLabelLimit
{
    public static VersionRecord Apply(VersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bytes = LabelBytes(record.Labels);
        if (bytes <= ExtensionLabels.MaxTotalBytes)
        {
            return record;
        }

        var reason = $"labels take {bytes} bytes, over the {ExtensionLabels.MaxTotalBytes / 1024} KiB limit, and are not stored";
        return record with
        {
            Labels = new Dictionary<string, string>(StringComparer.Ordinal),
            IsValid = false,
            Problems = [.. record.Problems, reason],
        };
    }

    /// <summary>A version event whose record is over the limit carries the record as stored.</summary>
    public static CloudEvent Apply(CloudEvent cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var record = ChangeEvents.ReadVersionRecord(cloudEvent);
        if (record is null || LabelBytes(record.Labels) <= ExtensionLabels.MaxTotalBytes)
        {
            return cloudEvent;
        }

        return cloudEvent with { Data = JsonSerializer.SerializeToElement(Apply(record), CoreJsonContext.Default.VersionRecord) };
    }

    private static long LabelBytes(IReadOnlyDictionary<string, string> labels)
    {
        var total = 0L;
        foreach (var (key, value) in labels)
        {
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value ?? string.Empty);
        }

        return total;
    }
}
