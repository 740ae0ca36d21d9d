namespace Scanner.Application.Scanning;

/// <summary>Why a scan was requested, as <see cref="ScanRequest.Trigger"/> records it.</summary>
public static class ScanTriggers
{
    public const string Schedule = "schedule";
    public const string Webhook = "webhook";
    public const string Admin = "admin";
    public const string Startup = "startup";
    public const string Retry = "retry";
}
