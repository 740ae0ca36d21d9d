using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// The AMQP library's hooks for the broker: makes the connections (numbering them), and attaches each link to the
/// <c>$cbs</c> node or to an entity, refusing unknown entities (<c>amqp:not-found</c>) and links whose connection put no
/// token covering them (<c>amqp:unauthorized-access</c>), as Service Bus does.
/// </summary>
internal sealed class BrokerRuntime(ServiceBusBroker broker) : IRuntimeProvider
{
    private readonly ConcurrentDictionary<AmqpConnection, BrokerConnection> _connections = new();
    private readonly CbsNode _cbs = new(broker);
    private int _connectionIds;

    public IReadOnlyCollection<BrokerConnection> Connections => [.. _connections.Values];

    public int ConnectionsOpened => Volatile.Read(ref _connectionIds);

    public AmqpConnection CreateConnection(
        TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings)
    {
        var connection = new AmqpConnection(transport, protocolHeader, isInitiator, amqpSettings, connectionSettings);
        _connections[connection] = new BrokerConnection(Interlocked.Increment(ref _connectionIds), connection);
        connection.Closed += (_, _) => _connections.TryRemove(connection, out _);
        return connection;
    }

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        // Role true: the broker receives, the client sends.
        if (settings.Role == true)
        {
            if ((settings.Target as Target)?.Address?.ToString() is not CbsNode.Address)
            {
                settings.MaxMessageSize = (ulong)broker.MaxMessageSize;
            }

            return new ReceivingAmqpLink(session, settings);
        }

        return new SendingAmqpLink(session, settings);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state)
    {
        if (!_connections.TryGetValue(link.Session.Connection, out var connection))
        {
            throw new AmqpException(AmqpErrorCode.IllegalState, "The link's connection is closing.");
        }

        var address = (link.IsReceiver ? (link.Settings.Target as Target)?.Address : (link.Settings.Source as Source)?.Address)?.ToString()
            ?? throw new AmqpException(AmqpErrorCode.InvalidField, "A link needs a source or target address.");
        if (IsCbs(address))
        {
            _cbs.Attach(link, connection);
            return CompletedResult.Complete(callback, state);
        }

        var path = address.Trim('/');
        var entityName = path.Split('/')[0];
        var entity = broker.FindEntity(entityName)
            ?? throw new AmqpException(AmqpErrorCode.NotFound, $"The messaging entity '{entityName}' could not be found.");
        if (!connection.IsAuthorized(path))
        {
            throw new AmqpException(AmqpErrorCode.UnauthorizedAccess, $"Unauthorized access: no valid token was put for '{path}' on this connection.");
        }

        if (link is ReceivingAmqpLink incoming)
        {
            if (!string.Equals(path, entityName, StringComparison.OrdinalIgnoreCase))
            {
                throw new AmqpException(AmqpErrorCode.NotAllowed, $"Messages are sent to an entity ('{entityName}'), not to '{path}'.");
            }

            incoming.RegisterMessageListener(message => broker.OnTransfer(entity, incoming, connection, message));
            incoming.SetTotalLinkCredit(100, applyNow: true, updateAutoFlow: true);
        }
        else
        {
            broker.Subscribe(entity, path, (SendingAmqpLink)link);
        }

        return CompletedResult.Complete(callback, state);
    }

    public void EndOpenLink(IAsyncResult result)
    {
    }

    private static bool IsCbs(string address) => string.Equals(address, CbsNode.Address, StringComparison.Ordinal);
}
