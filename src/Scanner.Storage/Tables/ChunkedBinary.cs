using System.IO.Compression;
using Azure.Data.Tables;

namespace Scanner.Storage.Tables;

/// <summary>
/// Stores a byte payload, gzip-compressed, as numbered binary properties of at most 64 KiB each
/// (<c>{name}0</c>, <c>{name}1</c>, ... plus <c>{name}Chunks</c>). Compression matters: JSON escapes markup and
/// non-ASCII label text (<c>&lt;</c> becomes six bytes), so a label set within the 512 KiB limit can take well over
/// the 1 MiB an entity holds as JSON, while it compresses far below it. Nothing is ever truncated: a payload that still
/// does not fit fails the write with the service's error instead.
/// </summary>
public static class ChunkedBinary
{
    /// <summary>The largest binary property Table Storage accepts.</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Compresses <paramref name="json"/> into the entity; returns the stored length.</summary>
    public static int Write(TableEntity entity, string name, ReadOnlySpan<byte> json)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(json);
        }

        var payload = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        var chunks = 0;
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            var length = Math.Min(ChunkSize, payload.Length - offset);
            entity[name + chunks] = payload.Slice(offset, length).ToArray();
            chunks++;
        }

        entity[name + "Chunks"] = chunks;
        return payload.Length;
    }

    public static byte[] Read(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32(name + "Chunks") ??
                     throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} has no {name}.");
        using var compressed = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary(name + i) ??
                        throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} misses chunk {i} of {name}.");
            compressed.Write(chunk);
        }

        compressed.Position = 0;
        using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        using var json = new MemoryStream();
        gzip.CopyTo(json);
        return json.ToArray();
    }

    /// <summary>What the payload weighs in a request body: base64 plus property overhead.</summary>
    public static int EstimateRequestBytes(int payloadLength) => (payloadLength / 3 * 4) + 4 + ((payloadLength / ChunkSize + 1) * 64);
}
