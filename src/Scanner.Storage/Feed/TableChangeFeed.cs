using Azure.Data.Tables;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Feed;

/// <summary>Reads the change feed by cursor: one query page per call.</summary>
public sealed class TableChangeFeed : IChangeFeed
{
    public const int MaxLimit = 1000;

    private readonly TableClient table;

    public TableChangeFeed(StorageTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Changes;
    }

    public async Task<ChangePage> ReadAsync(string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        var after = ChangeFeedCursor.Parse(cursor);
        var (events, last) = await ReadAfterAsync(after, limit, cancellationToken).ConfigureAwait(false);
        return new ChangePage(events, ChangeFeedCursor.Format(last));
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="sequence"/>, and the sequence of the last.</summary>
    internal async Task<(IReadOnlyList<CloudEvent> Events, long Last)> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ChangesRowKeys.Partition} and RowKey gt {ChangesRowKeys.Event(sequence)} and RowKey lt {ChangesRowKeys.EventUpperBound}");
        var events = new List<CloudEvent>();
        var last = sequence;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(FeedRows.ReadEvent(entity));
            last = ChangesRowKeys.ParseEvent(entity.RowKey);
            if (events.Count == limit)
            {
                break;
            }
        }

        return (events, last);
    }
}
