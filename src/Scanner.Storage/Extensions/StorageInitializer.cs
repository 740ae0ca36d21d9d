using Microsoft.Extensions.Hosting;
using Scanner.Storage.Queues;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Extensions;

/// <summary>
/// Creates the tables and queues when the host starts, before anything reads or writes them: no adapter creates
/// anything lazily, so an outage or a missing permission shows at start rather than at the first request.
/// </summary>
public sealed class StorageInitializer(StorageTables tables, StorageQueues queues) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        await queues.EnsureQueuesAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
