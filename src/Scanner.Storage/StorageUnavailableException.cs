namespace Scanner.Storage;

/// <summary>
/// Table Storage did not answer (connection refused, reset, timed out after retries). The message says what was done
/// before the outage and that running the operation again completes it; nothing half-written is left behind.
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

    /// <summary>True for the failures of a request that never got an answer from the service.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        Azure.RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsUnreachable),
        _ => false,
    };
}
