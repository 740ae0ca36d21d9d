using Scanner.Functions.Functions;
using Scanner.Functions.Timers;

namespace Scanner.Functions.Hosting;

/// <summary>Standalone mode's timers: each timer function on its NCRONTAB schedule, never overlapping itself.</summary>
public sealed partial class TimerScheduler(
    FunctionInvoker invoker,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    public static CronSchedule ScheduleOf(TimerTrigger timer, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(configuration);
        var text = timer.SettingKey is null ? null : configuration[timer.SettingKey];
        return CronSchedule.Parse(string.IsNullOrWhiteSpace(text) ? timer.DefaultSchedule : text);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = FunctionCatalog.All
            .Where(f => f.Trigger is TimerTrigger)
            .Select(f => RunAsync(f, ScheduleOf((TimerTrigger)f.Trigger, configuration), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunAsync(FunctionDeclaration function, CronSchedule schedule, CancellationToken stoppingToken)
    {
        LogScheduled(function.Name, schedule.Text);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            if (schedule.GetNextOccurrence(now) is not { } next)
            {
                return;
            }

            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
                await invoker.InvokeAsync(function, null, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(e, function.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} scheduled on {Schedule} (UTC)")]
    private partial void LogScheduled(string function, string schedule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed; it runs again at its next occurrence")]
    private partial void LogFailed(Exception exception, string function);
}
