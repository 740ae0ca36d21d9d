using System.Globalization;
using Azure.Data.Tables;
using Scanner.Core.Changes;
using Scanner.Storage.Events;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Outbox;

/// <summary>
/// Outbox rows in the <c>catalog</c> table: keyed by event id (a retry rewrites the same row), ordered for the relay
/// by <c>Order</c> = event time and position in its change set, so one repository's events reach the feed in the
/// order they were committed.
/// </summary>
public static class OutboxRows
{
    private const string EventProperty = "Event";
    private const string OrderProperty = "Order";

    public static TableEntity ToEntity(string partitionKey, CloudEvent cloudEvent, int position, out int requestBytes)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var json = EventSerializer.Serialize(cloudEvent);
        var entity = new TableEntity(partitionKey, CatalogRowKeys.Outbox(cloudEvent.Id))
        {
            ["EventId"] = cloudEvent.Id,
            ["Type"] = cloudEvent.Type,
            [OrderProperty] = cloudEvent.Time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~" +
                              position.ToString("D6", CultureInfo.InvariantCulture),
        };
        var stored = ChunkedBinary.Write(entity, EventProperty, json);
        requestBytes = ChunkedBinary.EstimateRequestBytes(stored) + 512;
        return entity;
    }

    public static OutboxRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var json = ChunkedBinary.Read(entity, EventProperty);
        return new OutboxRow(
            entity.PartitionKey,
            entity.RowKey,
            entity.GetString(OrderProperty) ?? string.Empty,
            EventSerializer.Deserialize(json),
            json,
            entity.ETag);
    }
}
