using System.Text.Json;
using Azure.Data.Tables;
using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Serialization;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Catalog;

/// <summary>
/// Version rows: the whole <see cref="VersionRecord"/> as compressed JSON in chunked binary properties (labels may exceed one
/// property), plus the version and digest as plain properties for people browsing the table.
/// </summary>
public static class VersionRows
{
    private const string RecordProperty = "Record";

    public static TableEntity ToEntity(string partitionKey, VersionRecord record, out int requestBytes)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = JsonSerializer.SerializeToUtf8Bytes(record, CoreJsonContext.Default.VersionRecord);
        var entity = new TableEntity(partitionKey, RowKey(record.Version))
        {
            ["Version"] = record.Version,
            ["Digest"] = record.Digest,
        };
        var stored = ChunkedBinary.Write(entity, RecordProperty, json);
        requestBytes = ChunkedBinary.EstimateRequestBytes(stored) + 512;
        return entity;
    }

    public static VersionRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize(ChunkedBinary.Read(entity, RecordProperty), CoreJsonContext.Default.VersionRecord) ??
        throw new InvalidDataException($"Version row {entity.PartitionKey}/{entity.RowKey} is empty.");

    public static string RowKey(string version) => VersionRowKey.Encode(SemanticVersion.Parse(version));
}
