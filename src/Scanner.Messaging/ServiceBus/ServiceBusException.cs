using System.Net;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// A send that Service Bus did not accept. <see cref="Status"/> is the HTTP status (null when no answer came back);
/// the message says what is wrong and what to check. It never contains keys or tokens.
/// </summary>
public sealed class ServiceBusException : Exception
{
    public ServiceBusException()
    {
    }

    public ServiceBusException(string message)
        : base(message)
    {
    }

    public ServiceBusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceBusException(HttpStatusCode? status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    public HttpStatusCode? Status { get; }

    /// <summary>True for answers that a later attempt may not get: throttling, server errors, timeouts.</summary>
    public bool IsTransient => Status is null || IsTransientStatus(Status.Value);

    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
            or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
