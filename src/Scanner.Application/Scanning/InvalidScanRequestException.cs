namespace Scanner.Application.Scanning;

/// <summary>A <c>scan-requests</c> message that is not a scan request; it fails until the queue poisons it.</summary>
public sealed class InvalidScanRequestException : Exception
{
    public InvalidScanRequestException()
    {
    }

    public InvalidScanRequestException(string message)
        : base(message)
    {
    }

    public InvalidScanRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
