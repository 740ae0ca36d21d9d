using Microsoft.Extensions.Hosting;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Extensions;

/// <summary>Creates the tables when the host starts, before anything reads or writes them.</summary>
public sealed class StorageInitializer(StorageTables tables) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tables.EnsureTablesAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
