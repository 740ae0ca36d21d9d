namespace Scanner.Messaging.ServiceBus;

/// <summary>Retry and size limits of <see cref="ServiceBusRestClient"/> (configuration section <c>Scanner:ServiceBus</c>).</summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "Scanner:ServiceBus";

    /// <summary>Service Bus Standard accepts at most 256 KiB per message and per batch.</summary>
    public const int MaxBatchBytesLimit = 256 * 1024;

    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Upper bound of one batch request body; batches are split to stay under it.</summary>
    public int MaxBatchBytes { get; set; } = MaxBatchBytesLimit;
}
