using Microsoft.Extensions.Logging;
using Scanner.Application.Catalog;
using Scanner.Application.Subscribers;
using Scanner.Application.Telemetry;
using Scanner.Core.Repositories;

namespace Scanner.Application.Relay;

/// <summary>
/// Moves outbox entries to the change feed, to every publisher (Service Bus), and to queue
/// <c>subscriber-deliveries</c> (one message per subscriber and chunk), then deletes them and refreshes this
/// instance's catalog. Each step is idempotent, so relaying again after a crash at any point leaves every event in
/// the feed once: the feed skips ids it has, Service Bus drops duplicate message ids, deleting twice is a no-op.
/// Used by every use case that writes (scan, allow-list, blocks) and by function <c>RelayOutbox</c> for crash recovery.
/// </summary>
public sealed partial class RelayOutbox(
    IOutbox outbox,
    IChangeFeedWriter feed,
    IEnumerable<IChangePublisher> publishers,
    ISubscriberStore subscribers,
    ISubscriberDeliveryQueue deliveries,
    IUnpublishableEventLog unpublishable,
    ICatalogSnapshotSource snapshots,
    ScannerTelemetry telemetry,
    TimeProvider time,
    ILogger<RelayOutbox> logger)
{
    /// <summary>How old an entry must be before the timer relays it: younger ones are still being relayed by their writer.</summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromMinutes(1);

    /// <summary>Events per step; a chunk's delivery message stays far below the queue's 64 KiB.</summary>
    public const int ChunkSize = 100;

    private readonly IChangePublisher[] _publishers = [.. publishers];

    /// <summary>Relays the outbox of one repository; returns how many events it moved.</summary>
    public async Task<int> RelayAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var entries = await outbox.ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        var relayed = await RelayEntriesAsync(entries, cancellationToken).ConfigureAwait(false);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return relayed;
    }

    /// <summary>Relays every entry older than <see cref="StaleAge"/> (left behind by a crash); returns the count.</summary>
    public async Task<int> RelayStaleAsync(CancellationToken cancellationToken = default)
    {
        var entries = await outbox.ReadWrittenBeforeAsync(time.GetUtcNow() - StaleAge, cancellationToken).ConfigureAwait(false);
        var relayed = 0;
        foreach (var repository in entries.GroupBy(e => e.Repository))
        {
            relayed += await RelayEntriesAsync([.. repository], cancellationToken).ConfigureAwait(false);
        }

        if (relayed > 0)
        {
            LogRelayedStale(relayed);
            await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        return relayed;
    }

    private async Task<int> RelayEntriesAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        using var activity = telemetry.ActivitySource.StartActivity("relay");
        activity?.SetTag(ScannerTelemetry.EventsAttribute, entries.Count);
        var audience = await subscribers.ListAsync(cancellationToken).ConfigureAwait(false);
        var relayed = 0;
        foreach (var chunk in entries.Chunk(ChunkSize))
        {
            // Only a chunk appended whole is counted by type: the rest was appended (and counted) by an earlier relay.
            if (await feed.AppendAsync(chunk, cancellationToken).ConfigureAwait(false) == chunk.Length)
            {
                Count(chunk.Select(e => e.Event), ScannerTelemetry.FeedDestination);
            }

            // Everything in the chunk is published, appended now or earlier: a crash may have come between the
            // append and the publish, and Service Bus deduplicates by message id.
            var events = chunk.Select(e => e.Event).ToArray();
            foreach (var publisher in _publishers)
            {
                PublishResult result;
                try
                {
                    result = await publisher.PublishAsync(events, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // What was written stays written and is in the feed; the outbox keeps the rest for the next relay
                    // (the repository's next write, or the RelayOutbox timer), so nothing is lost.
                    LogPublishFailed(publisher.Destination, chunk[0].Repository.Value, entries.Count - relayed, e.Message);
                    return relayed;
                }

                foreach (var refused in result.Unpublishable)
                {
                    LogUnpublishable(refused.EventId, publisher.Destination, refused.Reason);
                    await unpublishable.RecordAsync(publisher.Destination, refused, cancellationToken).ConfigureAwait(false);
                }

                var refusedIds = result.Unpublishable.Select(u => u.EventId).ToHashSet(StringComparer.Ordinal);
                Count(events.Where(e => !refusedIds.Contains(e.Id)), publisher.Destination);
            }

            var requests = audience
                .Select(s => new SubscriberDeliveryRequest(s.Id, [.. events.Where(e => s.Accepts(e.Type)).Select(e => e.Id)]))
                .Where(r => r.EventIds.Count > 0)
                .ToArray();
            if (requests.Length > 0)
            {
                await deliveries.EnqueueAsync(requests, cancellationToken).ConfigureAwait(false);
            }

            await outbox.DeleteAsync(chunk, cancellationToken).ConfigureAwait(false);
            relayed += chunk.Length;
        }

        return relayed;
    }

    private void Count(IEnumerable<Core.Changes.CloudEvent> events, string destination)
    {
        foreach (var group in events.GroupBy(e => e.Type, StringComparer.Ordinal))
        {
            telemetry.RecordEventsPublished(group.Key, destination, group.Count());
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing to {Destination} failed; the outbox of {Repository} keeps {Count} events for the next relay: {Reason}")]
    private partial void LogPublishFailed(string destination, string repository, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relayed {Count} outbox events left behind by an interrupted relay")]
    private partial void LogRelayedStale(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} can never be published to {Destination}: {Reason}; it stays in the feed and is skipped there")]
    private partial void LogUnpublishable(string eventId, string destination, string reason);
}
