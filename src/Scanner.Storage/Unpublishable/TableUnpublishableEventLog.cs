using Azure.Data.Tables;
using Scanner.Application.Relay;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Unpublishable;

/// <summary>
/// Table <c>unpublishable</c>: one row per destination (partition) and event id (row), so recording an event again
/// after a crash rewrites its row. Small by nature (events too large for a topic are rare) and read whole.
/// </summary>
public sealed class TableUnpublishableEventLog : IUnpublishableEventLog
{
    private readonly TableClient table;
    private readonly TimeProvider timeProvider;

    public TableUnpublishableEventLog(StorageTables tables, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Unpublishable;
        this.timeProvider = timeProvider;
    }

    public async Task RecordAsync(string destination, UnpublishableEvent unpublishable, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(unpublishable);
        var entity = new TableEntity(TableKey.Encode(destination), TableKey.Encode(unpublishable.EventId))
        {
            ["Destination"] = destination,
            ["EventId"] = unpublishable.EventId,
            ["Reason"] = unpublishable.Reason,
            ["RecordedAt"] = timeProvider.GetUtcNow(),
        };
        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"recording unpublishable event {unpublishable.EventId}", table.Uri, ex);
        }
    }

    public async Task<IReadOnlyList<UnpublishableEvent>> ListAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<UnpublishableEvent>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                events.Add(new UnpublishableEvent(
                    entity.GetString("EventId") ?? TableKey.Decode(entity.RowKey),
                    entity.GetString("Reason") ?? string.Empty));
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("listing unpublishable events", table.Uri, ex);
        }

        return events;
    }
}
