using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Scanner.Application.Catalog;
using Scanner.Application.Health;

namespace Scanner.Functions.Hosting;

/// <summary>
/// Keeps this instance's read side current: the catalog (one point read of the feed head, new events applied only
/// when it moved) and the health report, every few seconds. Requests never wait for storage.
/// </summary>
public sealed partial class BackgroundRefresher(
    ICatalogSnapshotSource snapshots,
    HealthMonitor health,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<BackgroundRefresher> logger) : BackgroundService
{
    /// <summary>Seconds between refreshes (<c>Scanner:Catalog:RefreshSeconds</c>, default 5).</summary>
    public const string IntervalSetting = "Scanner:Catalog:RefreshSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue(IntervalSetting, 5.0), 0.1, 3600));
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    await snapshots.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogRefreshFailed(e.GetType().Name);
                }

                await health.RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh failed ({ErrorType}); answering from the last catalog")]
    private partial void LogRefreshFailed(string errorType);
}
