using Azure.Data.Tables;
using Scanner.Core.Catalog;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Storage.Catalog;
using Scanner.Storage.Feed;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Snapshot;

/// <summary>
/// The read side: a projection of the change feed. The first refresh loads the allow-list and every version row;
/// later refreshes make one point read of the feed head and, only when it moved, read the events after the current
/// sequence and apply them. <see cref="Current"/> is an empty catalog at sequence 0 until the first refresh.
/// </summary>
public sealed class TableCatalogSnapshotSource : ICatalogSnapshotSource, IDisposable
{
    private const int EventsPerRead = 500;

    private readonly TableClient catalog;
    private readonly IAllowListStore allowList;
    private readonly TableChangeFeed changes;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private volatile State state;

    public TableCatalogSnapshotSource(
        StorageTables tables,
        IAllowListStore allowList,
        TableChangeFeed changes,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tables);
        catalog = tables.Catalog;
        this.allowList = allowList;
        this.changes = changes;
        this.timeProvider = timeProvider;
        state = new State(CatalogSnapshot.Empty, new CatalogSnapshotView(CatalogSnapshot.Empty, 0, timeProvider.GetUtcNow()), Loaded: false);
    }

    public CatalogSnapshotView Current => state.View;

    public async Task<CatalogSnapshotView> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = state;
            var head = await changes.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            var snapshot = current.Snapshot;
            var sequence = current.View.Sequence;
            if (!current.Loaded)
            {
                // Head first: events after it are applied by a later refresh even if the tables already show them (idempotent).
                snapshot = await LoadAsync(cancellationToken).ConfigureAwait(false);
                sequence = head;
            }
            else if (head == sequence)
            {
                return current.View;
            }

            // Up to the head just read: later events wait for the next refresh, which will see the head moved.
            while (sequence < head)
            {
                var (events, last) = await changes.ReadAfterAsync(sequence, EventsPerRead, cancellationToken).ConfigureAwait(false);
                if (events.Count == 0)
                {
                    break;
                }

                snapshot = snapshot.Apply(events);
                sequence = last;
            }

            var view = new CatalogSnapshotView(snapshot, sequence, timeProvider.GetUtcNow());
            state = new State(snapshot, view, Loaded: true);
            return view;
        }
        finally
        {
            refreshing.Release();
        }
    }

    public void Dispose() => refreshing.Dispose();

    private async Task<CatalogSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var entries = await allowList.ListAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<VersionRecord>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {VersionRowKey.Prefix} and RowKey lt {VersionRowKey.UpperBound}");
        try
        {
            await foreach (var entity in catalog.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                records.Add(VersionRows.FromEntity(entity));
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("loading the catalog snapshot", catalog.Uri, ex);
        }

        return CatalogSnapshot.Create(entries, records);
    }

    private sealed record State(CatalogSnapshot Snapshot, CatalogSnapshotView View, bool Loaded);
}
