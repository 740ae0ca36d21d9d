namespace Scanner.Functions.CustomHandler;

/// <summary>A trigger message that can never be processed (retrying will not help; it ends in the dead-letter queue).</summary>
public sealed class InvalidMessageException : Exception
{
    public InvalidMessageException()
    {
    }

    public InvalidMessageException(string message)
        : base(message)
    {
    }

    public InvalidMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
