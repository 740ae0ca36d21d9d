namespace Scanner.Application.Validation;

/// <summary>An image could not be read; the message says why.</summary>
public sealed class ImageInspectionException : Exception
{
    public ImageInspectionException()
    {
    }

    public ImageInspectionException(string message)
        : base(message)
    {
    }

    public ImageInspectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
