namespace Scanner.Application.Scanning;

/// <summary>Who holds a lease: one id per process, so a lease names the instance that took it.</summary>
public sealed class ScanWorkerIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
}
