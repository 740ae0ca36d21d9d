using Azure.Data.Tables;

namespace Scanner.Storage.Tables;

/// <summary>
/// Stores a byte payload larger than one property allows (64 KiB) as numbered binary properties
/// <c>{name}0</c>, <c>{name}1</c>, ... plus <c>{name}Chunks</c>. Nothing is ever truncated: an entity holds up to
/// 1 MiB, and a payload that does not fit fails the write with the service's error instead.
/// </summary>
public static class ChunkedBinary
{
    /// <summary>The largest binary property Table Storage accepts.</summary>
    public const int ChunkSize = 64 * 1024;

    public static void Write(TableEntity entity, string name, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = 0;
        for (var offset = 0; offset < payload.Length; offset += ChunkSize)
        {
            var length = Math.Min(ChunkSize, payload.Length - offset);
            entity[name + chunks] = payload.Slice(offset, length).ToArray();
            chunks++;
        }

        entity[name + "Chunks"] = chunks;
    }

    public static byte[] Read(TableEntity entity, string name)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var chunks = entity.GetInt32(name + "Chunks") ??
                     throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} has no {name}.");
        using var buffer = new MemoryStream();
        for (var i = 0; i < chunks; i++)
        {
            var chunk = entity.GetBinary(name + i) ??
                        throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} misses chunk {i} of {name}.");
            buffer.Write(chunk);
        }

        return buffer.ToArray();
    }

    /// <summary>What the payload weighs in a request body: base64 plus property overhead.</summary>
    public static int EstimateRequestBytes(int payloadLength) => (payloadLength / 3 * 4) + 4 + ((payloadLength / ChunkSize + 1) * 64);
}
