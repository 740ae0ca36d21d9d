using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Logging;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Application.Catalog;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Storage.Keys;
using Scanner.Storage.Outbox;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Catalog;

/// <summary>
/// The <c>catalog</c> table: per repository a state row, version rows and outbox rows (DESIGN.md section 5).
/// </summary>
/// <remarks>
/// A change set that fits one entity-group transaction is committed in one, with the state row checked against the
/// loaded ETag. A larger one (a first scan of hundreds of tags) is split into transactions that each carry a write of the
/// state row with <c>If-Match</c> of the ETag the previous transaction returned: the chain of ETags means only one
/// committer can be writing a repository at a time; any other write to the state row breaks the chain and the next
/// transaction of the slower committer fails, which then reports <see cref="CommitResult.Conflict"/>. Each version row
/// travels in the same transaction as its events' outbox rows, so every transaction leaves a consistent prefix: the
/// versions it wrote are stored and announced. The scan count only moves in the last transaction, so the next scan
/// detects the remaining versions against that prefix, with the same revision and therefore the same event ids.
/// </remarks>
public sealed partial class TableCatalogStore : ICatalogStore
{
    private const string ScanCountProperty = "ScanCount";
    private const string PendingRevisionProperty = "PendingRevision";
    private const string LastScanProperty = "LastCommitAt";

    private readonly TableClient table;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<TableCatalogStore> logger;

    public TableCatalogStore(StorageTables tables, TimeProvider timeProvider, ILogger<TableCatalogStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Catalog;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    public async Task<StoredRepository> LoadAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        try
        {
            return await ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"loading the catalog of {repository}", table.Uri, ex);
        }
    }

    /// <remarks>
    /// A state row written only by the scan bookkeeping has no scan count yet: the repository reads as never scanned
    /// (scan count 0) but with the row's ETag, so its first commit merges into the row instead of adding it.
    /// </remarks>
    private async Task<StoredRepository> ReadAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        var partitionKey = RepositoryKey.For(repository);

        // The state row first: any write after this read changes its ETag, so a commit based on what follows conflicts.
        var state = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, CatalogRowKeys.State, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (!state.HasValue || state.Value is null)
        {
            return StoredRepository.Empty(repository);
        }

        var pending = state.Value.GetInt64(PendingRevisionProperty) ?? 0;
        if (pending > 0)
        {
            LogResumingCommit(repository.Value, pending);
        }

        var versions = new List<VersionRecord>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partitionKey} and RowKey ge {VersionRowKey.Prefix} and RowKey lt {VersionRowKey.UpperBound}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(VersionRows.FromEntity(entity));
        }

        return new StoredRepository(repository, versions, state.Value.GetInt64(ScanCountProperty) ?? 0)
        {
            ConcurrencyToken = state.Value.ETag.ToString(),
        };
    }

    public async Task<CommitResult> CommitScanAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var partitionKey = RepositoryKey.For(changes.Before.Repository);
        var batches = TransactionBatcher.Pack(Groups(partitionKey, changes), TransactionBatcher.MaxActions - 1);
        var token = changes.Before.ConcurrencyToken is { } loaded ? new ETag(loaded) : (ETag?)null;
        var committed = 0;
        try
        {
            if (batches.Count == 0)
            {
                await WriteStateAsync(partitionKey, changes, token, cancellationToken).ConfigureAwait(false);
                return CommitResult.Committed;
            }

            for (var i = 0; i < batches.Count; i++)
            {
                var isLast = i == batches.Count - 1;
                var actions = new List<TableTransactionAction>(batches[i].Count + 1) { StateAction(partitionKey, changes, token, isLast) };
                actions.AddRange(batches[i]);
                var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                token = response.Value[0].Headers.ETag ??
                        throw new InvalidOperationException("The Table service returned no ETag for the state row.");
                committed++;
            }

            if (batches.Count > 1)
            {
                LogCommittedInTransactions(changes.Before.Repository.Value, changes.Revision, batches.Count);
            }

            return CommitResult.Committed;
        }
        catch (TableTransactionFailedException ex) when (IsConflict(ex.Status, ex.FailedTransactionActionIndex, ex.ErrorCode))
        {
            LogConflict(changes.Before.Repository.Value, changes.Revision, ex.ErrorCode);
            return CommitResult.Conflict;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
        {
            LogConflict(changes.Before.Repository.Value, changes.Revision, ex.ErrorCode);
            return CommitResult.Conflict;
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            // Each transaction is atomic: the store holds the first transactions whole and nothing of the others.
            throw new StorageUnavailableException(
                $"Table Storage did not answer while committing revision {changes.Revision} of {changes.Before.Repository}: " +
                $"{committed} of {Math.Max(batches.Count, 1)} transactions were committed, each whole. The next scan completes the commit.",
                ex);
        }
    }

    public async Task AppendOutboxAsync(RepositoryName repository, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var partitionKey = RepositoryKey.For(repository);
        var groups = events.Select((cloudEvent, position) =>
        {
            var entity = OutboxRows.ToEntity(partitionKey, cloudEvent, position, out var bytes);
            return new ActionGroup([new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)], bytes);
        });
        try
        {
            foreach (var batch in TransactionBatcher.Pack(groups, TransactionBatcher.MaxActions))
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            // Outbox rows are keyed by event id: appending the same events again rewrites the same rows.
            throw StorageUnavailableException.While($"appending {events.Count} events to the outbox of {repository}", table.Uri, ex);
        }
    }

    // The state row is the first action of every transaction, so its failure is the one reported. A version row that
    // is gone (deleted by a committer that got there first) is a conflict too; a missing table is not.
    private static bool IsConflict(int status, int? failedIndex, string? errorCode) =>
        (failedIndex == 0 && status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict) ||
        (status == (int)HttpStatusCode.NotFound && !string.Equals(errorCode, TableErrorCode.TableNotFound.ToString(), StringComparison.Ordinal));

    /// <summary>Each version's row change travels with its events' outbox rows; other events travel alone.</summary>
    private static IEnumerable<ActionGroup> Groups(string partitionKey, ChangeSet changes)
    {
        var eventsByVersion = changes.Events
            .Select((cloudEvent, position) => (cloudEvent, position))
            .ToLookup(e => e.cloudEvent.Subject ?? string.Empty, StringComparer.Ordinal);
        var grouped = new HashSet<string>(StringComparer.Ordinal);

        foreach (var record in changes.Upserts)
        {
            var entity = VersionRows.ToEntity(partitionKey, record, out var bytes);
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, entity) };
            grouped.Add(record.Version);
            yield return WithEvents(actions, bytes, eventsByVersion[record.Version]);
        }

        foreach (var version in changes.Deletes)
        {
            var entity = new TableEntity(partitionKey, VersionRows.RowKey(version));
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, entity, ETag.All) };
            grouped.Add(version);
            yield return WithEvents(actions, 512, eventsByVersion[version]);
        }

        foreach (var group in eventsByVersion.Where(g => !grouped.Contains(g.Key)))
        {
            yield return WithEvents([], 0, group);
        }

        ActionGroup WithEvents(List<TableTransactionAction> actions, int bytes, IEnumerable<(CloudEvent Event, int Position)> events)
        {
            foreach (var (cloudEvent, position) in events)
            {
                var outbox = OutboxRows.ToEntity(partitionKey, cloudEvent, position, out var outboxBytes);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, outbox));
                bytes += outboxBytes;
            }

            return new ActionGroup(actions, bytes);
        }
    }

    private TableTransactionAction StateAction(string partitionKey, ChangeSet changes, ETag? token, bool isLast)
    {
        var entity = StateEntity(partitionKey, changes, isLast);
        return token is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, entity);
    }

    private async Task WriteStateAsync(string partitionKey, ChangeSet changes, ETag? token, CancellationToken cancellationToken)
    {
        var entity = StateEntity(partitionKey, changes, isLast: true);
        if (token is { } etag)
        {
            await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The state row as one transaction leaves it: the last one records the new scan count; earlier ones record the
    /// revision in progress (and, for a repository never committed before, create the row at scan count 0).
    /// </summary>
    private TableEntity StateEntity(string partitionKey, ChangeSet changes, bool isLast)
    {
        var entity = new TableEntity(partitionKey, CatalogRowKeys.State)
        {
            ["Repository"] = changes.Before.Repository.Value,
            [ScanCountProperty] = isLast ? changes.Revision : changes.Before.ScanCount,
            [PendingRevisionProperty] = isLast ? 0L : changes.Revision,
        };
        if (isLast)
        {
            entity[LastScanProperty] = timeProvider.GetUtcNow();
        }

        return entity;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the interrupted commit of revision {Revision} of {Repository}")]
    private partial void LogResumingCommit(string repository, long revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed revision {Revision} of {Repository} in {Transactions} transactions")]
    private partial void LogCommittedInTransactions(string repository, long revision, int transactions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Commit of revision {Revision} of {Repository} lost to another committer ({ErrorCode})")]
    private partial void LogConflict(string repository, long revision, string? errorCode);
}
