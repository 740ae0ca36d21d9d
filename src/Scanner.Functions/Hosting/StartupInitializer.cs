using Scanner.Core.Ports;
using Scanner.Functions.Scanning;

namespace Scanner.Functions.Hosting;

/// <summary>Before the server listens: seed the allow-list from configuration and load the catalog.</summary>
public sealed class StartupInitializer(AllowListSeeder seeder, ICatalogSnapshotSource snapshots, IOutboxRelay relay) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await seeder.SeedAsync(cancellationToken).ConfigureAwait(false);

        // Whatever a crashed instance left in the outbox goes out now rather than at the next RelayOutbox tick.
        await relay.RelayStaleAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
