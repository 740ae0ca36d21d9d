namespace Scanner.Registry;

/// <summary>A registry operation failed; <see cref="Kind"/> says why and the message says which request.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException()
        : this(RegistryErrorKind.Protocol, "registry request failed")
    {
    }

    public RegistryException(string message)
        : this(RegistryErrorKind.Protocol, message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : this(RegistryErrorKind.Protocol, message, innerException)
    {
    }

    public RegistryException(RegistryErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public RegistryException(RegistryErrorKind kind, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public RegistryErrorKind Kind { get; }
}
