namespace Scanner.Messaging.InProcess;

/// <summary>Delivery rules of the in-process bus; the defaults are those of a Service Bus entity.</summary>
public sealed class InProcessBusOptions
{
    public const string SectionName = "Scanner:InProcessBus";

    /// <summary>A message id seen within this window is accepted and dropped.</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Deliveries before a message is dead-lettered.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Wait before the first redelivery; doubles with each further one up to <see cref="MaxRedeliveryDelay"/>.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRedeliveryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
