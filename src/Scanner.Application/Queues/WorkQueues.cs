namespace Scanner.Application.Queues;

/// <summary>The Storage queues of the app (DESIGN.md section 2); a failing message ends in <c>{queue}-poison</c>.</summary>
public static class WorkQueues
{
    public const string ScanRequests = "scan-requests";
    public const string SubscriberDeliveries = "subscriber-deliveries";

    /// <summary>The connection setting queue triggers name, as the Functions host reads it.</summary>
    public const string Connection = "AzureWebJobsStorage";

    public static IReadOnlyList<string> All { get; } = [ScanRequests, SubscriberDeliveries];

    public static string PoisonOf(string queue) => queue + "-poison";
}
