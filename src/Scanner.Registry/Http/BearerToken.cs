namespace Scanner.Registry.Http;

/// <summary>A token from a registry's token service. Never logged.</summary>
internal sealed class BearerToken(string value, DateTimeOffset expiresAt)
{
    public string Value { get; } = value;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public override string ToString() => "[token]";
}
