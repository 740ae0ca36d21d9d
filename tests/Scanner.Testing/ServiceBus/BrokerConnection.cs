using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;

namespace Scanner.Testing.ServiceBus;

/// <summary>What the broker knows of one client connection: its number, the entity paths its tokens cover, its <c>$cbs</c> reply links.</summary>
internal sealed class BrokerConnection(int id, AmqpConnection connection)
{
    private readonly ConcurrentDictionary<string, byte> _authorizedPaths = new(StringComparer.OrdinalIgnoreCase);

    public int Id { get; } = id;

    public AmqpConnection Connection { get; } = connection;

    public ConcurrentDictionary<string, SendingAmqpLink> CbsReplyLinks { get; } = new(StringComparer.Ordinal);

    /// <summary>Grants the links under <paramref name="path"/> (an audience's path, "" for the whole namespace).</summary>
    public void Authorize(string path) => _authorizedPaths[path.Trim('/')] = 0;

    public bool IsAuthorized(string entityPath)
    {
        var path = entityPath.Trim('/');
        return _authorizedPaths.Keys.Any(granted =>
            granted.Length == 0 ||
            string.Equals(granted, path, StringComparison.OrdinalIgnoreCase) ||
            path.StartsWith(granted + "/", StringComparison.OrdinalIgnoreCase));
    }
}
