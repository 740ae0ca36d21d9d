using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Functions.Scanning;

namespace Scanner.Functions.Hosting;

/// <summary>Before the server listens: seed the allow-list from configuration and load the catalog.</summary>
public sealed class StartupInitializer(
    AllowListSeeder seeder, ScanRequestDispatcher dispatcher, ICatalogSnapshotSource snapshots) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A repository added from configuration gets its first scan now, as one added through the admin API does.
        foreach (var repository in await seeder.SeedAsync(cancellationToken).ConfigureAwait(false))
        {
            await dispatcher.RequestAsync(repository, cancellationToken).ConfigureAwait(false);
        }

        await snapshots.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
