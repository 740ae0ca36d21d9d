namespace Scanner.Messaging.ServiceBus;

/// <summary>Produces the <c>Authorization</c> header value for a request to one entity.</summary>
public interface IServiceBusTokenProvider
{
    /// <param name="resource">The entity URI the request goes to, such as <c>https://ns.servicebus.windows.net/scan-requests</c>.</param>
    ValueTask<string> GetAuthorizationAsync(Uri resource, CancellationToken cancellationToken = default);
}
