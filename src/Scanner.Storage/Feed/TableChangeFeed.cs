using Azure.Data.Tables;
using Scanner.Application.Changes;
using Scanner.Core.Changes;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Feed;

/// <summary>Reads the change feed: by cursor (one query page per call), by event id (through the index rows), or its head.</summary>
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

    public async Task<IReadOnlyList<CloudEvent>> ReadByIdsAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventIds);
        try
        {
            var sequences = new List<long>();
            foreach (var filter in RowKeyFilter.AnyOf(ChangesRowKeys.Partition, eventIds.Select(ChangesRowKeys.Index)))
            {
                await foreach (var index in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    sequences.Add(FeedRows.ReadSequence(index));
                }
            }

            sequences.Sort();
            var events = new List<(long Sequence, CloudEvent Event)>(sequences.Count);
            foreach (var filter in RowKeyFilter.AnyOf(ChangesRowKeys.Partition, sequences.Select(ChangesRowKeys.Event)))
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    events.Add((ChangesRowKeys.ParseEvent(row.RowKey), FeedRows.ReadEvent(row)));
                }
            }

            return [.. events.OrderBy(e => e.Sequence).Select(e => e.Event)];
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"reading {eventIds.Count} events of the change feed by id", table.Uri, ex);
        }
    }

    /// <summary>The sequence of the last event in the feed (0 when empty): one point read.</summary>
    public async Task<long> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await table.GetEntityIfExistsAsync<TableEntity>(ChangesRowKeys.Partition, ChangesRowKeys.Head, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return head.HasValue && head.Value is not null ? FeedRows.ReadSequence(head.Value) : 0;
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("reading the head of the change feed", table.Uri, ex);
        }
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="sequence"/>, and the sequence of the last.</summary>
    internal async Task<(IReadOnlyList<CloudEvent> Events, long Last)> ReadAfterAsync(long sequence, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ChangesRowKeys.Partition} and RowKey gt {ChangesRowKeys.Event(sequence)} and RowKey lt {ChangesRowKeys.EventUpperBound}");
        var events = new List<CloudEvent>();
        var last = sequence;
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                events.Add(FeedRows.ReadEvent(entity));
                last = ChangesRowKeys.ParseEvent(entity.RowKey);
                if (events.Count == limit)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("reading the change feed", table.Uri, ex);
        }

        return (events, last);
    }
}
