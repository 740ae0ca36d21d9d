using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;

namespace Scanner.Functions.Hosting;

/// <summary>
/// Keeps this instance's in-memory catalog current: one point read of the feed head every few seconds, and the new
/// events applied only when it moved. Requests never wait for storage.
/// </summary>
public sealed partial class CatalogRefresher(
    ICatalogSnapshotSource snapshots,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<CatalogRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Scanner:Catalog:RefreshSeconds", 5.0), 0.1, 3600));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await snapshots.RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh failed; answering from the last catalog")]
    private partial void LogRefreshFailed(Exception exception);
}
