namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// Service Bus did not take a chunk of events (after the SDK's retries): the caller keeps them for the next attempt.
/// The message names the setting to check and the namespace, never a key or token.
/// </summary>
public sealed class ServiceBusPublishException : Exception
{
    public ServiceBusPublishException()
    {
    }

    public ServiceBusPublishException(string message)
        : base(message)
    {
    }

    public ServiceBusPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceBusPublishException(string message, bool isAuthorizationFailure, bool isTransient, Exception innerException)
        : base(message, innerException)
    {
        IsAuthorizationFailure = isAuthorizationFailure;
        IsTransient = isTransient;
    }

    /// <summary>Service Bus refused the credentials: the setting (key, or the identity's role) needs fixing, retrying will not help.</summary>
    public bool IsAuthorizationFailure { get; }

    /// <summary>A later attempt may succeed (Service Bus busy or unreachable).</summary>
    public bool IsTransient { get; }
}
