namespace Scanner.Application.Subscribers;

/// <summary>A delivery failed in a way worth retrying: the queue tries again later, then poisons the message.</summary>
public sealed class SubscriberDeliveryFailedException : Exception
{
    public SubscriberDeliveryFailedException()
    {
    }

    public SubscriberDeliveryFailedException(string message)
        : base(message)
    {
    }

    public SubscriberDeliveryFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
