using Scanner.Core.Ports;
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
