using Azure.Data.Tables;
using Scanner.Core.Changes;
using Scanner.Storage.Events;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Feed;

/// <summary>Rows of the <c>changes</c> table: the counter, feed rows and event-id index rows.</summary>
public static class FeedRows
{
    private const string EventProperty = "Event";
    private const string SequenceProperty = "Sequence";

    public static TableEntity Head(long sequence) => new(ChangesRowKeys.Partition, ChangesRowKeys.Head)
    {
        [SequenceProperty] = sequence,
    };

    public static long ReadSequence(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.GetInt64(SequenceProperty) ?? 0;
    }

    public static TableEntity Event(long sequence, string eventId, ReadOnlySpan<byte> json)
    {
        var entity = new TableEntity(ChangesRowKeys.Partition, ChangesRowKeys.Event(sequence))
        {
            ["EventId"] = eventId,
            [SequenceProperty] = sequence,
        };
        ChunkedBinary.Write(entity, EventProperty, json);
        return entity;
    }

    public static TableEntity Index(long sequence, string eventId) => new(ChangesRowKeys.Partition, ChangesRowKeys.Index(eventId))
    {
        [SequenceProperty] = sequence,
    };

    public static CloudEvent ReadEvent(TableEntity entity) => EventSerializer.Deserialize(ChunkedBinary.Read(entity, EventProperty));

    /// <summary>The event id an index row stands for.</summary>
    public static string IndexedEventId(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity.RowKey[ChangesRowKeys.IndexPrefix.Length..];
    }
}
