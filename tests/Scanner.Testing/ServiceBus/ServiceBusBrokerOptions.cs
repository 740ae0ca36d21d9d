using System.Security.Cryptography;

namespace Scanner.Testing.ServiceBus;

/// <summary>How a <see cref="ServiceBusBroker"/> behaves: its one shared access key, its entities and their size limit.</summary>
public sealed class ServiceBusBrokerOptions
{
    public const string ExtensionChanges = "extension-changes";

    /// <summary>Service Bus Standard's limit per message, and so per batch.</summary>
    public const long StandardMaxMessageSize = 256 * 1024;

    public string KeyName { get; init; } = "RootManageSharedAccessKey";

    /// <summary>The key tokens must be signed with; a fresh random one by default.</summary>
    public string Key { get; init; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>max-message-size</c> sender links get: the SDK's batch limit too.</summary>
    public long MaxMessageSize { get; init; } = StandardMaxMessageSize;

    /// <summary>Entities (queues or topics) links may attach to; any other is <c>amqp:not-found</c>.</summary>
    public IReadOnlyList<string> Entities { get; init; } = [ExtensionChanges];
}
