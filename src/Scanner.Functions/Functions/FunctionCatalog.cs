using Scanner.Messaging;

namespace Scanner.Functions.Functions;

/// <summary>Every function of the app (DESIGN.md section 3).</summary>
public static class FunctionCatalog
{
    public const string ServiceBusConnection = "ServiceBusConnection";
    public const string ScanScheduleSetting = "Scanner:ScanSchedule";
    public const string DefaultScanSchedule = "0 */15 * * * *";

    private static readonly string[] Get = ["GET"];

    public static FunctionDeclaration ScheduleScans { get; } = new(
        "ScheduleScans",
        new TimerTrigger(DefaultScanSchedule, ScanScheduleSetting),
        "Enqueue one scan request per allow-listed repository.");

    public static FunctionDeclaration ScanRepository { get; } = new(
        "ScanRepository",
        new ServiceBusQueueTrigger(MessagingEntities.ScanRequests, ServiceBusConnection),
        "Scan one repository, commit its versions and outbox, relay the outbox.");

    public static FunctionDeclaration RelayOutbox { get; } = new(
        "RelayOutbox",
        new TimerTrigger("0 * * * * *"),
        "Relay outbox entries that were never confirmed (crash recovery).");

    public static FunctionDeclaration NotifySubscribers { get; } = new(
        "NotifySubscribers",
        new ServiceBusTopicTrigger(MessagingEntities.ExtensionChanges, MessagingEntities.WebhooksSubscription, ServiceBusConnection),
        "Deliver each change event to the registered subscriber URLs, signed.");

    public static FunctionDeclaration DockerHubWebhook { get; } = new(
        "DockerHubWebhook",
        new HttpTrigger("v1/webhooks/dockerhub", ["POST"], FunctionAuthLevel.Function),
        "Docker Hub push webhook: enqueue a scan of an allow-listed repository.");

    public static FunctionDeclaration ListExtensions { get; } = new(
        "ListExtensions",
        new HttpTrigger("v1/extensions", Get, FunctionAuthLevel.Anonymous),
        "Every allow-listed extension with its latest valid version.");

    public static FunctionDeclaration GetExtension { get; } = new(
        "GetExtension",
        new HttpTrigger("v1/extensions/{*repository}", Get, FunctionAuthLevel.Anonymous),
        "One extension with all its versions.");

    public static FunctionDeclaration CheckUpdates { get; } = new(
        "CheckUpdates",
        new HttpTrigger("v1/updates", ["GET", "POST"], FunctionAuthLevel.Anonymous),
        "What the installed extensions can be upgraded to, for a given Extension API version.");

    public static FunctionDeclaration GetChanges { get; } = new(
        "GetChanges",
        new HttpTrigger("v1/changes", Get, FunctionAuthLevel.Anonymous),
        "The change feed after a cursor.");

    public static FunctionDeclaration ManageAllowList { get; } = new(
        "ManageAllowList",
        new HttpTrigger("v1/admin/allowlist/{*repository}", ["GET", "PUT", "DELETE"], FunctionAuthLevel.Admin),
        "List, add and remove allow-listed repositories.");

    public static FunctionDeclaration ManageBlocks { get; } = new(
        "ManageBlocks",
        new HttpTrigger("v1/admin/blocks/{*target}", ["PUT", "DELETE"], FunctionAuthLevel.Admin),
        "Block or unblock one version (repository@version).");

    public static FunctionDeclaration ManageSubscribers { get; } = new(
        "ManageSubscribers",
        new HttpTrigger("v1/admin/subscribers/{id?}", ["GET", "PUT", "DELETE"], FunctionAuthLevel.Admin),
        "List, register and remove subscriber webhooks.");

    public static FunctionDeclaration TriggerScan { get; } = new(
        "TriggerScan",
        new HttpTrigger("v1/admin/scans", ["POST"], FunctionAuthLevel.Admin),
        "Enqueue a scan of one repository or of all.");

    public static FunctionDeclaration Health { get; } = new(
        "Health",
        new HttpTrigger("health", Get, FunctionAuthLevel.Anonymous),
        "Liveness.");

    public static FunctionDeclaration OpenApi { get; } = new(
        "OpenApi",
        new HttpTrigger("openapi/v1.json", Get, FunctionAuthLevel.Anonymous),
        "The OpenAPI document.");

    public static IReadOnlyList<FunctionDeclaration> All { get; } =
    [
        ScheduleScans, ScanRepository, RelayOutbox, NotifySubscribers, DockerHubWebhook, ListExtensions, GetExtension,
        CheckUpdates, GetChanges, ManageAllowList, ManageBlocks, ManageSubscribers, TriggerScan, Health, OpenApi,
    ];

    public static FunctionDeclaration? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
