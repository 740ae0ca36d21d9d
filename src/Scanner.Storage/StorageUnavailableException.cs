using Azure;

namespace Scanner.Storage;

/// <summary>
/// Table Storage or the queue service did not answer (connection refused, reset, timed out after the SDK's retries).
/// The message says what was being done and, where it matters, what was done before the outage; running the operation
/// again completes it. Hosts answer it with 503 and <c>Retry-After</c>.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message)
        : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True for the failures of a request that never got an answer from the service: a transport failure, or the
    /// SDK's network timeout (a cancellation the caller did not ask for), alone or as the retries' aggregate.
    /// </summary>
    public static bool IsUnreachable(Exception exception, CancellationToken cancellationToken = default) =>
        !cancellationToken.IsCancellationRequested && exception switch
        {
            RequestFailedException { Status: 0 } => true,
            OperationCanceledException => true,
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsUnreachable(e)),
            _ => false,
        };

    /// <summary>The exception for an operation on <paramref name="endpoint"/> (only its authority is named: no SAS).</summary>
    public static StorageUnavailableException While(string operation, Uri endpoint, Exception innerException)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new StorageUnavailableException(
            $"Storage at {endpoint.GetLeftPart(UriPartial.Authority)} did not answer while {operation}. " +
            $"Check {Extensions.StorageConnection.SettingName} (UseDevelopmentStorage=true needs Azurite on 127.0.0.1:10000-10002).",
            innerException);
    }
}
