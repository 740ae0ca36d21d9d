using Microsoft.Extensions.Hosting;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;

namespace Scanner.Functions.Hosting;

/// <summary>Before functions run: seed the allow-list from configuration (each addition gets its first scan) and load the catalog.</summary>
public sealed class StartupInitializer(SeedAllowList seeder, ICatalogSnapshotSource snapshots) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await seeder.SeedAsync(cancellationToken);
        await snapshots.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
