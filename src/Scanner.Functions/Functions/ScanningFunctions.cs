using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Queues;
using Scanner.Application.Scanning;

namespace Scanner.Functions.Functions;

/// <summary>Scans: the timer requests them, queue <c>scan-requests</c> runs them (one repository per message).</summary>
public sealed class ScanningFunctions(ScheduleScans schedule, ScanRepository scan)
{
    /// <summary>The setting that holds the schedule (6-field NCRONTAB).</summary>
    public const string ScheduleSetting = "Scanner:ScanSchedule";

    /// <summary>Every 15 minutes: what the template sets, and the standalone host's default.</summary>
    public const string DefaultSchedule = "0 */15 * * * *";

    [Function(nameof(ScheduleScans))]
    public Task ScheduleScans([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        schedule.RunAsync(cancellationToken);

    [Function(nameof(ScanRepository))]
    public Task ScanRepository(
        [QueueTrigger(WorkQueues.ScanRequests, Connection = WorkQueues.Connection)] string message,
        CancellationToken cancellationToken) =>
        scan.HandleMessageAsync(message, cancellationToken);
}
