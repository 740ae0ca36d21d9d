using Azure.Messaging.ServiceBus;

namespace Scanner.Messaging.ServiceBus;

/// <summary>How the app's Service Bus client behaves (configuration section <c>Scanner:ServiceBus</c>).</summary>
public sealed class ServiceBusOptions
{
    public const string SectionName = "Scanner:ServiceBus";

    /// <summary>
    /// The SDK's retries of every operation (<c>Scanner:ServiceBus:Retry:MaxRetries</c>, <c>:Delay</c>, <c>:MaxDelay</c>,
    /// <c>:TryTimeout</c>, <c>:Mode</c>), the SDK's defaults unless set. A send still failing after them throws.
    /// </summary>
    public ServiceBusRetryOptions Retry { get; set; } = new();
}
