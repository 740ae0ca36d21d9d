using Microsoft.Extensions.Logging;
using Scanner.Application.Catalog;
using Scanner.Application.Queues;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Telemetry;

namespace Scanner.Application.Health;

/// <summary>
/// Function <c>Health</c>'s use case. The report is computed in the background (<see cref="RefreshAsync"/>, with the
/// catalog) and answered from memory, so the liveness probe never waits for storage and measures the server itself.
/// Degraded when Table Storage does not answer, a repository's last scan failed or was throttled, the outbox holds entries older than
/// <see cref="MaxOutboxAge"/>, a poison queue holds messages, or an event could never be published.
/// </summary>
public sealed partial class HealthMonitor(
    IStorageProbe storage,
    ScanStatusBoard board,
    IOutbox outbox,
    IPoisonQueues poison,
    IUnpublishableEventLog unpublishable,
    ICatalogSnapshotSource snapshots,
    ScannerTelemetry telemetry,
    TimeProvider time,
    ILogger<HealthMonitor> logger)
{
    public static readonly TimeSpan MaxOutboxAge = TimeSpan.FromMinutes(5);

    private volatile IReadOnlyList<string> _reasons = [];
    private DateTimeOffset? _checkedAt;

    public HealthReport Current
    {
        get
        {
            var view = snapshots.Current;
            var reasons = _reasons;
            return new HealthReport(reasons.Count == 0 ? HealthReport.Healthy : HealthReport.Degraded, reasons, view.Sequence, view.LoadedAt, _checkedAt);
        }
    }

    /// <summary>Checks every cause again; a cause that is gone leaves the report at once.</summary>
    public async Task<HealthReport> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>();
        try
        {
            await storage.ProbeAsync(cancellationToken).ConfigureAwait(false);
            await board.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await CheckOutboxAsync(reasons, cancellationToken).ConfigureAwait(false);
            await CheckPoisonAsync(reasons, cancellationToken).ConfigureAwait(false);
            foreach (var refused in await unpublishable.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                reasons.Add($"event {refused.EventId} could never be published: {refused.Reason}");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStorageUnavailable(e.GetType().Name);
            reasons.Insert(0, "Table Storage does not answer (AzureWebJobsStorage)");
        }

        foreach (var (repository, scan) in board.Current.OrderBy(p => p.Key))
        {
            if (scan.LastOutcome == ScanOutcomeKind.Failed)
            {
                reasons.Add($"last scan of {repository} failed: {scan.LastFailure}");
            }
            else if (scan.LastOutcome == ScanOutcomeKind.Throttled)
            {
                reasons.Add($"scan of {repository} throttled until {scan.RetryAt:u}: {scan.LastFailure}");
            }
        }

        _reasons = reasons;
        _checkedAt = time.GetUtcNow();
        return Current;
    }

    private async Task CheckOutboxAsync(List<string> reasons, CancellationToken cancellationToken)
    {
        var oldest = await outbox.OldestAsync(cancellationToken).ConfigureAwait(false);
        telemetry.RecordOutboxOldestAge(oldest is { } written ? time.GetUtcNow() - written : TimeSpan.Zero);
        if (oldest is not null && time.GetUtcNow() - oldest > MaxOutboxAge)
        {
            reasons.Add($"the outbox holds events written at {oldest:u}, more than {MaxOutboxAge.TotalMinutes:0} minutes ago: the relay is not keeping up");
        }
    }

    private async Task CheckPoisonAsync(List<string> reasons, CancellationToken cancellationToken)
    {
        foreach (var (queue, count) in await poison.CountAsync(cancellationToken).ConfigureAwait(false))
        {
            telemetry.RecordPoisonMessages(WorkQueues.PoisonOf(queue), count);
            if (count > 0)
            {
                reasons.Add($"{WorkQueues.PoisonOf(queue)} holds {count} message(s)");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: Table Storage did not answer ({ErrorType})")]
    private partial void LogStorageUnavailable(string errorType);
}
