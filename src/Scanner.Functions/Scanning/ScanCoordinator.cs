using System.Diagnostics;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;

namespace Scanner.Functions.Scanning;

/// <summary>
/// One scan of one repository, end to end: load what is stored, read the registry, decide the changes, commit them
/// with their outbox atomically, relay the outbox. A registry failure changes nothing; a lost commit race is retried
/// against the winner's state, so the loser announces nothing twice.
/// </summary>
public sealed partial class ScanCoordinator(
    IAllowListStore allowList,
    ICatalogStore catalog,
    IRepositoryScanner scanner,
    IOutboxRelay relay,
    ICatalogSnapshotSource snapshots,
    ILogger<ScanCoordinator> logger)
{
    private const int MaxCommitAttempts = 5;

    public async Task<RepositoryScanReport> ScanAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var clock = Stopwatch.StartNew();
        if (await allowList.GetAsync(repository, cancellationToken).ConfigureAwait(false) is null)
        {
            LogNotAllowListed(repository.Value);
            return new RepositoryScanReport(repository, RepositoryScanStatus.NotAllowListed, 0, 0, [], null, clock.Elapsed);
        }

        var stored = await catalog.LoadAsync(repository, cancellationToken).ConfigureAwait(false);
        var outcome = await scanner.ScanAsync(stored, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            LogScanFailed(repository.Value, outcome.Failure);
            return new RepositoryScanReport(repository, RepositoryScanStatus.Failed, stored.Versions.Count, 0, [], outcome.Failure, clock.Elapsed);
        }

        ChangeSet changes;
        var attempt = 0;
        while (true)
        {
            attempt++;
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

            LogCommitConflict(repository.Value, attempt);
            stored = await catalog.LoadAsync(repository, cancellationToken).ConfigureAwait(false);
        }

        await relay.RelayAsync(repository, cancellationToken).ConfigureAwait(false);
        if (changes.Events.Count > 0)
        {
            await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        var types = changes.Events.Select(e => e.Type).ToArray();
        LogScanned(repository.Value, outcome.Result.Versions.Count, outcome.Result.IgnoredTagCount, types.Length, clock.ElapsedMilliseconds);
        return new RepositoryScanReport(
            repository,
            RepositoryScanStatus.Scanned,
            outcome.Result.Versions.Count,
            outcome.Result.IgnoredTagCount,
            types,
            null,
            clock.Elapsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped scan of {Repository}: not on the allow-list")]
    private partial void LogNotAllowListed(string repository);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Repository} failed, nothing changed: {Reason}")]
    private partial void LogScanFailed(string repository, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commit of {Repository} lost a race (attempt {Attempt}); detecting again against the new state")]
    private partial void LogCommitConflict(string repository, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanned {Repository}: {Versions} versions, {IgnoredTags} other tags, {Events} changes in {ElapsedMs} ms")]
    private partial void LogScanned(string repository, int versions, int ignoredTags, int events, long elapsedMs);
}
