using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Runs one timer function on its NCRONTAB schedule (6 fields, seconds first), <c>%Setting%</c> resolved from
/// configuration as the Functions host does. A run that fails is logged; the next occurrence runs anyway.
/// </summary>
public sealed partial class TimerFunctionRunner(
    FunctionDescriptor function, IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<TimerFunctionRunner> logger)
    : BackgroundService
{
    private readonly string _expression = SettingNames.Resolve(function.Timer!.Schedule, configuration);
    private readonly FunctionInvoker _invoker = FunctionInvoker.For(function);

    public CrontabSchedule Schedule => CrontabSchedule.Parse(_expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = Schedule;
        LogScheduled(function.Name, _expression);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
                await Task.Delay(next - now, time, stoppingToken);
                try
                {
                    await _invoker.InvokeAsync(services, null, null, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(e, function.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} scheduled: {Schedule}")]
    private partial void LogScheduled(string function, string schedule);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private partial void LogFailed(Exception exception, string function);
}
