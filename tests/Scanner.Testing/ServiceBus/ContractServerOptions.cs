namespace Scanner.Testing.ServiceBus;

/// <summary>How the Service Bus contract server authenticates and deduplicates.</summary>
public sealed class ContractServerOptions
{
    /// <summary>The SAS policy name tokens must name (<c>skn</c>).</summary>
    public string KeyName { get; init; } = "RootManageSharedAccessKey";

    /// <summary>The SAS key tokens must be signed with (a test value, not a secret).</summary>
    public string Key { get; init; } = "dGVzdC1rZXktZm9yLXRoZS1jb250cmFjdC1zZXJ2ZXI=";

    /// <summary>Bearer tokens accepted; empty accepts any non-empty bearer token.</summary>
    public IReadOnlySet<string> BearerTokens { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Queues and topics that exist; empty means every entity exists.</summary>
    public IReadOnlySet<string> Entities { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Service Bus's default duplicate detection history.</summary>
    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Clock for token expiry and the duplicate window.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
