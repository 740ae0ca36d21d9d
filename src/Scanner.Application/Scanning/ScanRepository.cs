using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Relay;
using Scanner.Application.Serialization;
using Scanner.Application.Telemetry;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Application.Scanning;

/// <summary>
/// Scans one repository under its lease (function <c>ScanRepository</c>, and <c>scanner scan</c>): take the lease,
/// load what is stored, read the registry, decide the changes, commit them with their outbox atomically, relay the
/// outbox (which refreshes the read side), record how it ended, and run once more if a request came in meanwhile.
/// A registry failure changes nothing; a lost commit race is decided again against the winner's state.
/// </summary>
public sealed partial class ScanRepository(
    IAllowListStore allowList,
    ICatalogStore catalog,
    IRepositoryScanner scanner,
    IScanStateStore states,
    IScanRequestQueue queue,
    RelayOutbox relay,
    ScanStatusBoard board,
    ScanWorkerIdentity worker,
    ScannerTelemetry telemetry,
    IOptions<ScanOptions> options,
    TimeProvider time,
    ILogger<ScanRepository> logger)
{
    private const int MaxCommitAttempts = 5;
    private const int MaxBookkeepingAttempts = 10;
    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Handles one <c>scan-requests</c> message; throws <see cref="InvalidScanRequestException"/> for a malformed one.</summary>
    public async Task<RepositoryScanReport> HandleMessageAsync(string message, CancellationToken cancellationToken = default)
    {
        var repository = Parse(message);
        return await ScanAsync(repository, waitForLease: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scans <paramref name="repository"/>. When another worker holds its lease, either waits for it and then scans
    /// (<paramref name="waitForLease"/>, the CLI), or leaves the scan to that worker's follow-up (the queue).
    /// </summary>
    public async Task<RepositoryScanReport> ScanAsync(RepositoryName repository, bool waitForLease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var clock = Stopwatch.StartNew();
        if (await allowList.GetAsync(repository, cancellationToken).ConfigureAwait(false) is null)
        {
            LogNotAllowListed(repository.Value);
            return new RepositoryScanReport(repository, RepositoryScanStatus.NotAllowListed, 0, 0, [], null, null, clock.Elapsed);
        }

        if (!await AcquireAsync(repository, waitForLease, cancellationToken).ConfigureAwait(false))
        {
            return new RepositoryScanReport(repository, RepositoryScanStatus.Deferred, 0, 0, [], null, null, clock.Elapsed);
        }

        var scans = 0;
        var events = new List<string>();
        var requests = default(RegistryRequestCounts);
        while (true)
        {
            scans++;
            RepositoryScanReport report;
            using var activity = telemetry.ActivitySource.StartActivity("scan");
            activity?.SetTag(ScannerTelemetry.RepositoryAttribute, repository.Value);
            try
            {
                report = await ScanUnderLeaseAsync(repository, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Storage trouble mid-scan: let the lease go so the redelivered message can scan at once.
                await EndAsync(repository, ScanOutcomeKind.Failed, e.Message, null, CancellationToken.None).ConfigureAwait(false);
                activity?.SetTag(ScannerTelemetry.OutcomeAttribute, "error");
                telemetry.RecordScanDuration(clock.Elapsed, "error");
                throw;
            }

            events.AddRange(report.EventTypes);
            requests += report.Requests;
            var outcomeName = JsonNamingPolicy.KebabCaseLower.ConvertName(report.Status.ToString());
            activity?.SetTag(ScannerTelemetry.OutcomeAttribute, outcomeName);
            telemetry.RecordScanDuration(report.Duration, outcomeName);
            var outcome = report.Status switch
            {
                RepositoryScanStatus.Scanned => ScanOutcomeKind.Succeeded,
                RepositoryScanStatus.Throttled => ScanOutcomeKind.Throttled,
                _ => ScanOutcomeKind.Failed,
            };
            var runAgain = await EndAsync(repository, outcome, report.Failure, report.RetryAt, cancellationToken).ConfigureAwait(false);
            if (outcome == ScanOutcomeKind.Throttled && report.RetryAt is { } retryAt)
            {
                await queue.EnqueueAsync(
                    ScanRequest.For(repository, time.GetUtcNow(), ScanTriggers.Retry),
                    Max(retryAt - time.GetUtcNow(), TimeSpan.Zero),
                    cancellationToken).ConfigureAwait(false);
            }

            if (!runAgain)
            {
                return report with { EventTypes = events, Duration = clock.Elapsed, Scans = scans, Requests = requests };
            }

            LogFollowUp(repository.Value);
        }
    }

    private async Task<RepositoryScanReport> ScanUnderLeaseAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stored = await catalog.LoadAsync(repository, cancellationToken).ConfigureAwait(false);
        var outcome = await scanner.ScanAsync(stored, cancellationToken).ConfigureAwait(false);
        if (outcome.IsThrottled)
        {
            LogThrottled(repository.Value, outcome.RetryAt, outcome.Failure);
            return new RepositoryScanReport(repository, RepositoryScanStatus.Throttled, stored.Versions.Count, 0, [], outcome.Failure, outcome.RetryAt, clock.Elapsed)
            {
                Requests = outcome.Requests,
            };
        }

        if (!outcome.Succeeded)
        {
            LogScanFailed(repository.Value, outcome.Failure);
            return new RepositoryScanReport(repository, RepositoryScanStatus.Failed, stored.Versions.Count, 0, [], outcome.Failure, null, clock.Elapsed)
            {
                Requests = outcome.Requests,
            };
        }

        ChangeSet changes;
        using var commit = telemetry.ActivitySource.StartActivity("commit");
        for (var attempt = 1; ; attempt++)
        {
            changes = ChangeDetector.Detect(stored, outcome.Result);
            if (await catalog.CommitScanAsync(changes, cancellationToken).ConfigureAwait(false) == CommitResult.Committed)
            {
                break;
            }

            if (attempt == MaxCommitAttempts)
            {
                throw new InvalidOperationException(
                    $"The scan of {repository} lost {MaxCommitAttempts} commit races in a row; giving up for this message.");
            }

            // A request noted in the state row moves its ETag too; detecting again costs no registry call.
            LogCommitConflict(repository.Value, attempt);
            stored = await catalog.LoadAsync(repository, cancellationToken).ConfigureAwait(false);
        }

        commit?.SetTag(ScannerTelemetry.EventsAttribute, changes.Events.Count);
        commit?.Dispose();
        await relay.RelayAsync(repository, cancellationToken).ConfigureAwait(false);
        var types = changes.Events.Select(e => e.Type).ToArray();
        LogScanned(repository.Value, outcome.Result.Versions.Count, outcome.Result.IgnoredTagCount, types.Length, clock.ElapsedMilliseconds);
        return new RepositoryScanReport(
            repository, RepositoryScanStatus.Scanned, outcome.Result.Versions.Count, outcome.Result.IgnoredTagCount, types, null, null, clock.Elapsed)
        {
            Requests = outcome.Requests,
        };
    }

    private async Task<bool> AcquireAsync(RepositoryName repository, bool wait, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await states.ReadAsync(repository, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var decision = ScanLeaseRules.TryAcquire(stored.Bookkeeping, worker.Id, now, options.Value.LeaseDuration);
            if (!decision.Acquired && wait)
            {
                LogWaitingForLease(repository.Value, stored.Bookkeeping.LeaseOwner, decision.HeldUntil);
                await Task.Delay(LeasePollInterval, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var written = ReferenceEquals(decision.Bookkeeping, stored.Bookkeeping)
                ? stored
                : await states.TryWriteAsync(stored, decision.Bookkeeping, cancellationToken).ConfigureAwait(false);
            if (written is null)
            {
                if (attempt == MaxBookkeepingAttempts)
                {
                    throw new InvalidOperationException($"The scan bookkeeping of {repository} changed {MaxBookkeepingAttempts} times in a row while taking the lease.");
                }

                continue;
            }

            if (!decision.Acquired)
            {
                // The holder owes a follow-up now. Should it have crashed, this message comes back when its lease runs out.
                var delay = Max((decision.HeldUntil ?? now) - now, TimeSpan.Zero) + TimeSpan.FromSeconds(1);
                await queue.EnqueueAsync(ScanRequest.For(repository, now, ScanTriggers.Retry), delay, cancellationToken).ConfigureAwait(false);
                LogDeferred(repository.Value, stored.Bookkeeping.LeaseOwner, decision.HeldUntil);
            }

            return decision.Acquired;
        }
    }

    /// <summary>Records how the scan ended; true when the lease is kept for a follow-up scan.</summary>
    private async Task<bool> EndAsync(RepositoryName repository, ScanOutcomeKind outcome, string? failure, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxBookkeepingAttempts; attempt++)
        {
            var stored = await states.ReadAsync(repository, cancellationToken).ConfigureAwait(false);
            var (runAgain, write) = ScanLeaseRules.OnEnd(
                stored.Bookkeeping, worker.Id, outcome, failure, retryAt, time.GetUtcNow(), options.Value.LeaseDuration);
            if (write is null)
            {
                LogLeaseLost(repository.Value);
                return false;
            }

            if (await states.TryWriteAsync(stored, write, cancellationToken).ConfigureAwait(false) is { } written)
            {
                board.Record(repository, written.Bookkeeping);
                return runAgain;
            }
        }

        throw new InvalidOperationException($"The scan bookkeeping of {repository} changed {MaxBookkeepingAttempts} times in a row while ending a scan.");
    }

    private static RepositoryName Parse(string message)
    {
        ScanRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(message, ApplicationJsonContext.Default.ScanRequest);
        }
        catch (JsonException e)
        {
            throw new InvalidScanRequestException("A scan request must be a JSON object like {\"repository\":\"docker.io/acme/ext\",...}.", e);
        }

        if (request?.Repository is not { Length: > 0 } text)
        {
            throw new InvalidScanRequestException("A scan request must name its repository.");
        }

        return RepositoryName.TryParse(text, out var repository, out var error)
            ? repository
            : throw new InvalidScanRequestException($"The scan request's repository is not valid: {error}");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped scan of {Repository}: not on the allow-list")]
    private partial void LogNotAllowListed(string repository);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Repository} throttled, nothing changed; retried at {RetryAt}: {Reason}")]
    private partial void LogThrottled(string repository, DateTimeOffset? retryAt, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Repository} failed, nothing changed: {Reason}")]
    private partial void LogScanFailed(string repository, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commit of {Repository} lost a race (attempt {Attempt}); detecting again against the new state")]
    private partial void LogCommitConflict(string repository, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanned {Repository}: {Versions} versions, {IgnoredTags} other tags, {Events} changes in {ElapsedMs} ms")]
    private partial void LogScanned(string repository, int versions, int ignoredTags, int events, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanning {Repository} once more: it was requested while the scan ran")]
    private partial void LogFollowUp(string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan of {Repository} left to {Holder}, whose lease runs to {Until}; it scans once more when it ends")]
    private partial void LogDeferred(string repository, string? holder, DateTimeOffset? until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for the scan of {Repository} held by {Holder} until {Until}")]
    private partial void LogWaitingForLease(string repository, string? holder, DateTimeOffset? until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on {Repository} ran out during the scan and was taken over; its end is not recorded")]
    private partial void LogLeaseLost(string repository);
}
