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

    /// <summary>A pull allowance at its reserve (<see cref="RegistryErrorKind.PullAllowance"/>): <paramref name="retryAt"/> is when its window ends.</summary>
    public RegistryException(RegistryErrorKind kind, string message, DateTimeOffset retryAt)
        : base(message)
    {
        Kind = kind;
        RetryAt = retryAt;
    }

    public RegistryErrorKind Kind { get; }

    /// <summary>When the operation may succeed if tried again, when the registry said so; null otherwise.</summary>
    public DateTimeOffset? RetryAt { get; }
}
