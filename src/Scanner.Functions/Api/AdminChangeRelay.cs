using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;

namespace Scanner.Functions.Api;

/// <summary>After an admin change: relay its outbox now and refresh this instance's catalog.</summary>
public sealed class AdminChangeRelay(IOutboxRelay relay, ICatalogSnapshotSource snapshots)
{
    public async Task RelayAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        await relay.RelayAsync(repository, cancellationToken).ConfigureAwait(false);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }
}
