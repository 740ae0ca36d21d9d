namespace Scanner.Messaging.Subscribers;

/// <summary>A subscriber host resolved to an address deliveries must not reach (loopback, link-local, private...).</summary>
public sealed class SubscriberAddressRefusedException : Exception
{
    public SubscriberAddressRefusedException()
    {
    }

    public SubscriberAddressRefusedException(string message)
        : base(message)
    {
    }

    public SubscriberAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
