using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Core.Repositories;
using Scanner.Core.Versions;
using Scanner.Storage.Keys;
using Scanner.Storage.Tables;

namespace Scanner.Storage.AllowList;

/// <summary>
/// The allow-list, with blocked versions. Each change is made in three steps across two tables that share no
/// transaction: (1) the allow-list row is written, ETag-checked, with the change's event attached as pending (a removal
/// only marks the row removed); (2) the event goes to the repository's outbox, keyed by its deterministic id; (3) the
/// pending event is cleared (a removed row is deleted). A crash after (1) leaves a change that is made and whose event
/// is on the row: whoever reads the row next (<see cref="GetAsync"/>, <see cref="ListAsync"/>, any change to that
/// repository, which the scheduler's list read does every cycle) finishes (2) and (3) with the same event id. A crash
/// before (1) made no change and left no event. So no event announces a change that was not made, and none is lost.
/// </summary>
public sealed class TableAllowListStore : IAllowListStore
{
    private readonly TableClient table;
    private readonly ICatalogStore catalog;
    private readonly TimeProvider timeProvider;

    public TableAllowListStore(StorageTables tables, ICatalogStore catalog, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.AllowList;
        this.catalog = catalog;
        this.timeProvider = timeProvider;
    }

    public Task<IReadOnlyList<AllowListEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        WhenReachableAsync("listing the allow-list", () => ListCoreAsync(cancellationToken), cancellationToken);

    public Task<AllowListEntry?> GetAsync(RepositoryName repository, CancellationToken cancellationToken = default) =>
        WhenReachableAsync(
            $"reading the allow-list entry of {repository}",
            async () => (await ReadAsync(repository, cancellationToken).ConfigureAwait(false))?.Entry,
            cancellationToken);

    public Task<bool> AddAsync(RepositoryName repository, string? note, CancellationToken cancellationToken = default) =>
        WhenReachableAsync($"adding {repository} to the allow-list", () => AddCoreAsync(repository, note, cancellationToken), cancellationToken);

    public Task<bool> RemoveAsync(RepositoryName repository, CancellationToken cancellationToken = default) =>
        WhenReachableAsync($"removing {repository} from the allow-list", () => RemoveCoreAsync(repository, cancellationToken), cancellationToken);

    public Task<bool> BlockAsync(RepositoryName repository, string version, string? note, CancellationToken cancellationToken = default) =>
        WhenReachableAsync($"blocking {repository}@{version}", () => BlockCoreAsync(repository, version, note, cancellationToken), cancellationToken);

    public Task<bool> UnblockAsync(RepositoryName repository, string version, CancellationToken cancellationToken = default) =>
        WhenReachableAsync($"unblocking {repository}@{version}", () => UnblockCoreAsync(repository, version, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<AllowListEntry>> ListCoreAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AllowListRows.Partition}");
        var entries = new List<AllowListEntry>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var row = await CompleteAsync(AllowListRows.FromEntity(entity), cancellationToken).ConfigureAwait(false);
            if (row is not null)
            {
                entries.Add(row.Entry);
            }
        }

        return [.. entries.OrderBy(e => e.Repository)];
    }

    private async Task<bool> AddCoreAsync(RepositoryName repository, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (await ReadAsync(repository, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var cloudEvent = ChangeEvents.ForExtension(ChangeEventTypes.ExtensionAdded, repository, note, ChangeKey(now), now);
        var row = new AllowListRow(new AllowListEntry(repository, now, note, new HashSet<string>()), new Dictionary<string, string?>(), false, cloudEvent);
        try
        {
            await table.AddEntityAsync(AllowListRows.ToEntity(row), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            return false;
        }

        return await FinishAsync(repository, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> RemoveCoreAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var row = await ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var cloudEvent = ChangeEvents.ForExtension(ChangeEventTypes.ExtensionRemoved, repository, row.Entry.Note, ChangeKey(now), now);
        return await ChangeAsync(row with { Removed = true, PendingEvent = cloudEvent }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> BlockCoreAsync(RepositoryName repository, string version, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var normal = Normalise(version);
        var row = await ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        if (row is null || row.BlockNotes.ContainsKey(normal))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var cloudEvent = ChangeEvents.ForBlock(ChangeEventTypes.VersionBlocked, repository, normal, note, ChangeKey(now), now);
        var notes = new Dictionary<string, string?>(row.BlockNotes, StringComparer.Ordinal) { [normal] = note };
        return await ChangeAsync(WithBlocks(row, notes, cloudEvent), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> UnblockCoreAsync(RepositoryName repository, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var normal = Normalise(version);
        var row = await ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        if (row is null || !row.BlockNotes.TryGetValue(normal, out var note))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        var cloudEvent = ChangeEvents.ForBlock(ChangeEventTypes.VersionUnblocked, repository, normal, note, ChangeKey(now), now);
        var notes = new Dictionary<string, string?>(row.BlockNotes, StringComparer.Ordinal);
        notes.Remove(normal);
        return await ChangeAsync(WithBlocks(row, notes, cloudEvent), cancellationToken).ConfigureAwait(false);
    }

    private static AllowListRow WithBlocks(AllowListRow row, Dictionary<string, string?> notes, CloudEvent cloudEvent) => row with
    {
        Entry = row.Entry with { BlockedVersions = new HashSet<string>(notes.Keys, StringComparer.Ordinal) },
        BlockNotes = notes,
        PendingEvent = cloudEvent,
    };

    // The time of the change tells it apart from earlier changes of the same kind; it is kept on the row with the
    // event, so finishing the change later reuses the same id.
    private static string ChangeKey(DateTimeOffset time) => time.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static string Normalise(string version) =>
        VersionTag.TryParse(version, out var parsed)
            ? VersionTag.Format(parsed)
            : throw new ArgumentException($"'{version}' is not a SemVer 2.0 version.", nameof(version));

    /// <summary>Step (1) for an existing row: write it ETag-checked with its pending event, then finish.</summary>
    private async Task<bool> ChangeAsync(AllowListRow changed, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(AllowListRows.ToEntity(changed), changed.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException(
                $"The allow-list entry of {changed.Entry.Repository} changed concurrently; read it again and retry.", ex);
        }

        return await FinishAsync(changed.Entry.Repository, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> FinishAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        await ReadAsync(repository, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The row of a repository with any pending change finished; null when absent or removed.</summary>
    private async Task<AllowListRow?> ReadAsync(RepositoryName repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(AllowListRows.Partition, RepositoryKey.For(repository), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return entity.HasValue && entity.Value is not null
            ? await CompleteAsync(AllowListRows.FromEntity(entity.Value), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Steps (2) and (3) of a pending change; idempotent, so concurrent readers may both run it.</summary>
    private async Task<AllowListRow?> CompleteAsync(AllowListRow row, CancellationToken cancellationToken)
    {
        if (row.PendingEvent is null)
        {
            return row.Removed ? null : row;
        }

        await catalog.AppendOutboxAsync(row.Entry.Repository, [row.PendingEvent], cancellationToken).ConfigureAwait(false);
        var done = row with { PendingEvent = null };
        try
        {
            if (row.Removed)
            {
                await table.DeleteEntityAsync(AllowListRows.Partition, RepositoryKey.For(row.Entry.Repository), row.ETag, cancellationToken).ConfigureAwait(false);
                return null;
            }

            var response = await table.UpdateEntityAsync(AllowListRows.ToEntity(done), row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return done with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // Someone else finished it first (or changed the row since): read what is there now.
            return await ReadAsync(row.Entry.Repository, cancellationToken).ConfigureAwait(false);
        }
    }

    // A change interrupted by an outage is finished by the next reader (see the class remarks): saying so is enough.
    private async Task<T> WhenReachableAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While(operation, table.Uri, ex);
        }
    }
}
