using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Queues;
using Scanner.Application.Scanning;

namespace Scanner.Functions.Functions;

/// <summary>Scans: the timer requests them, queue <c>scan-requests</c> runs them (one repository per message).</summary>
public sealed class ScanningFunctions(ScheduleScans schedule, ScanRepository scan)
{
    /// <summary>The setting that holds the schedule; the template and the sample settings set it to every 15 minutes.</summary>
    public const string ScheduleSetting = "Scanner:ScanSchedule";

    [Function(nameof(ScheduleScans))]
    public Task ScheduleScans([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        schedule.RunAsync(cancellationToken);

    [Function(nameof(ScanRepository))]
    public Task ScanRepository(
        [QueueTrigger(WorkQueues.ScanRequests, Connection = WorkQueues.Connection)] string message,
        CancellationToken cancellationToken) =>
        scan.HandleMessageAsync(message, cancellationToken);
}
