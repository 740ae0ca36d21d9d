using System.Globalization;
using Azure.Data.Tables;
using Scanner.Application.Relay;
using Scanner.Core.Changes;
using Scanner.Storage.Events;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Outbox;

/// <summary>
/// Outbox rows in the <c>catalog</c> table: keyed by event id (a retry rewrites the same row), ordered by <c>Order</c>
/// = event time and position in its change set, so one repository's events reach the feed in the order they were
/// committed. The row's <c>Timestamp</c>, set by the service, is when it was written.
/// </summary>
public static class OutboxRows
{
    public const string OrderProperty = "Order";

    private const string EventProperty = "Event";

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

    /// <summary>The rows as entries, in commit order within each repository (partitions in key order).</summary>
    public static IReadOnlyList<OutboxEntry> ToEntries(IEnumerable<TableEntity> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        return
        [
            .. entities
                .OrderBy(e => e.PartitionKey, StringComparer.Ordinal)
                .ThenBy(e => e.GetString(OrderProperty) ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(e => e.RowKey, StringComparer.Ordinal)
                .Select(ToEntry),
        ];
    }

    public static OutboxEntry ToEntry(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var json = ChunkedBinary.Read(entity, EventProperty);
        return new OutboxEntry(
            RepositoryKey.Parse(entity.PartitionKey),
            entity.RowKey,
            EventSerializer.Deserialize(json),
            json,
            entity.Timestamp ?? DateTimeOffset.MinValue);
    }
}
