using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// A loopback AMQP 1.0 broker that the real Service Bus SDK talks to through
/// <see cref="ConnectionString"/> (<c>UseDevelopmentEmulator=true</c>: plain AMQP on <see cref="Port"/>). It does what
/// the SDK uses: SASL <c>MSSBCBS</c>; the <c>$cbs</c> node's <c>put-token</c>, checking the shared access signature
/// against its one key (401 for a wrong one); sender links with a <c>max-message-size</c>; batched transfers
/// (<c>0x80013700</c>, one encoded message per data section) answered <c>accepted</c>; duplicate detection by
/// message id; receiver links, so tests can read back what was sent. It records every transfer, message and token
/// request, and fails on request: server-busy, refused tokens, a connection dropped mid-send, or stopped altogether
/// and restarted on the same port.
/// </summary>
public sealed class ServiceBusBroker : IAsyncDisposable
{
    private const uint BatchFormat = 0x80013700;
    private const string ServerBusyCondition = "com.microsoft:server-busy";

    private readonly ServiceBusBrokerOptions _options;
    private readonly BrokerRuntime _runtime;
    private readonly Dictionary<string, BrokerEntity> _entities;
    private readonly object _gate = new();
    private readonly List<RecordedMessage> _messages = [];
    private readonly List<RecordedTransfer> _transfers = [];
    private readonly List<RecordedTokenRequest> _tokenRequests = [];
    private AmqpConnectionListener? _listener;
    private int _serverBusySends;
    private int _droppedSends;
    private int _refusedTokens;

    private ServiceBusBroker(ServiceBusBrokerOptions options, int port)
    {
        _options = options;
        _runtime = new BrokerRuntime(this);
        _entities = options.Entities.ToDictionary(name => name, name => new BrokerEntity(name), StringComparer.OrdinalIgnoreCase);
        Port = port;
    }

    public int Port { get; }

    public string KeyName => _options.KeyName;

    public string Key => _options.Key;

    public long MaxMessageSize => _options.MaxMessageSize;

    /// <summary>What the SDK is given: <c>Endpoint=sb://127.0.0.1:{port};SharedAccessKeyName=..;SharedAccessKey=..;UseDevelopmentEmulator=true</c>.</summary>
    public string ConnectionString => ConnectionStringWithKey(Key);

    /// <summary>True while listening (between <see cref="StartAsync"/> or <see cref="RestartAsync"/> and <see cref="StopAsync"/>).</summary>
    public bool IsRunning => Volatile.Read(ref _listener) is not null;

    /// <summary>How many AMQP connections clients have opened so far (reconnects count).</summary>
    public int ConnectionsOpened => _runtime.ConnectionsOpened;

    /// <summary>Every message taken into an entity, in order, duplicates included (flagged).</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Every transfer sender links made, in order, refused ones included.</summary>
    public IReadOnlyList<RecordedTransfer> Transfers
    {
        get
        {
            lock (_gate)
            {
                return [.. _transfers];
            }
        }
    }

    public IReadOnlyList<RecordedTokenRequest> TokenRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokenRequests];
            }
        }
    }

    /// <summary>Starts a broker on a free loopback port.</summary>
    public static async Task<ServiceBusBroker> StartAsync(ServiceBusBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var broker = new ServiceBusBroker(options ?? new ServiceBusBrokerOptions(), FreePort.Next());
        await broker.RestartAsync(cancellationToken).ConfigureAwait(false);
        return broker;
    }

    /// <summary>The connection string with another key (same key name): its tokens are refused.</summary>
    public string ConnectionStringWithKey(string key) =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={KeyName};SharedAccessKey={key};UseDevelopmentEmulator=true";

    /// <summary>The messages <paramref name="entity"/> kept (duplicates left out), in order.</summary>
    public IReadOnlyList<RecordedMessage> MessagesOn(string entity = ServiceBusBrokerOptions.ExtensionChanges) =>
        [.. Messages.Where(m => !m.IsDuplicate && string.Equals(m.Entity, entity, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The next <paramref name="count"/> transfers take nothing: the broker detaches their link with <c>com.microsoft:server-busy</c>.</summary>
    public void FailNextSends(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Exchange(ref _serverBusySends, count);
    }

    /// <summary>
    /// The next <paramref name="count"/> transfers are taken, then the broker drops their connection before it answers,
    /// so the sender cannot tell whether they arrived (it resends; duplicate detection drops the copies).
    /// </summary>
    public void DropConnectionOnNextSends(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Exchange(ref _droppedSends, count);
    }

    /// <summary>The next <paramref name="count"/> <c>put-token</c> requests are answered 401, good tokens too.</summary>
    public void RefuseNextTokens(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Interlocked.Exchange(ref _refusedTokens, count);
    }

    /// <summary>Drops every open connection now, without a close frame (as a network failure would).</summary>
    public void DropConnections()
    {
        foreach (var connection in _runtime.Connections)
        {
            connection.Connection.Abort();
        }
    }

    /// <summary>Stops listening and drops every connection, as a broker that went down: connecting fails until <see cref="RestartAsync"/>.</summary>
    public Task StopAsync()
    {
        Interlocked.Exchange(ref _listener, null)?.Close();
        DropConnections();
        return Task.CompletedTask;
    }

    /// <summary>Listens again on the same <see cref="Port"/>, with the same entities, records and messages.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        var settings = new AmqpSettings { RuntimeProvider = _runtime };
        settings.TransportProviders.Add(sasl);
        var connectionSettings = new AmqpConnectionSettings { ContainerId = "scanner-test-broker", MaxFrameSize = 64 * 1024 };
        var listener = new AmqpConnectionListener([$"amqp://127.0.0.1:{Port}"], settings, connectionSettings);
        listener.Open();
        if (Interlocked.CompareExchange(ref _listener, listener, null) is not null)
        {
            listener.Close();
            throw new InvalidOperationException($"The broker is already listening on port {Port}.");
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal BrokerEntity? FindEntity(string name) => _entities.GetValueOrDefault(name);

    internal bool TakeTokenRefusal() => TryTake(ref _refusedTokens);

    internal void RecordTokenRequest(RecordedTokenRequest request)
    {
        lock (_gate)
        {
            _tokenRequests.Add(request);
        }
    }

    internal void Subscribe(BrokerEntity entity, string address, SendingAmqpLink link)
    {
        BrokerSubscription subscription;
        lock (_gate)
        {
            subscription = entity.Subscription(address);
        }

        subscription.Attach(link);
    }

    internal void OnTransfer(BrokerEntity entity, ReceivingAmqpLink link, BrokerConnection connection, AmqpMessage transfer)
    {
        var isBatch = transfer.MessageFormat == BatchFormat;
        var parts = isBatch ? [.. transfer.DataBody.Select(data => Decode(AsSegment(data.Value)))] : new[] { transfer };
        var outcome = TryTake(ref _serverBusySends) ? TransferOutcome.ServerBusy
            : TryTake(ref _droppedSends) ? TransferOutcome.ConnectionDropped
            : TransferOutcome.Accepted;
        IReadOnlyList<BrokerSubscription> subscriptions = [];
        lock (_gate)
        {
            var id = _transfers.Count + 1;
            var messages = parts.Select((part, index) => Record(entity.Name, id, index, part)).ToList();
            _transfers.Add(new RecordedTransfer(
                id, entity.Name, connection.Id, isBatch, [.. messages.Select(m => m.MessageId)], transfer.SerializedMessageSize, outcome));
            if (outcome != TransferOutcome.ServerBusy)
            {
                foreach (var message in messages)
                {
                    var kept = entity.TryTake(message, out _, out var touched);
                    _messages.Add(message with { IsDuplicate = !kept });
                    subscriptions = [.. subscriptions.Union(touched)];
                }
            }
        }

        if (isBatch)
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }

        switch (outcome)
        {
            case TransferOutcome.ServerBusy:
                transfer.Dispose();
                link.SafeClose(new AmqpException(new Error
                {
                    Condition = ServerBusyCondition,
                    Description = "The request was terminated because the entity is being throttled. Please wait 2 seconds and try again.",
                }));
                return;
            case TransferOutcome.ConnectionDropped:
                transfer.Dispose();
                connection.Connection.Abort();
                return;
            default:
                link.DisposeMessage(transfer, AmqpConstants.AcceptedOutcome, settled: true, batchable: transfer.Batchable);
                transfer.Dispose();
                foreach (var subscription in subscriptions)
                {
                    subscription.Pump();
                }

                return;
        }
    }

    private static RecordedMessage Record(string entity, int transferId, int index, AmqpMessage message)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } application)
        {
            foreach (var (key, value) in application.Map)
            {
                properties[key.Key.ToString()!] = value;
            }
        }

        var body = message.DataBody is { } data
            ? [.. data.SelectMany(section => AsSegment(section.Value))]
            : Array.Empty<byte>();
        return new RecordedMessage(
            entity,
            transferId,
            index,
            message.Properties?.MessageId?.ToString(),
            message.Properties?.Subject,
            message.Properties?.ContentType.Value,
            properties,
            body,
            IsDuplicate: false);
    }

    private static AmqpMessage Decode(ArraySegment<byte> encoded) =>
        AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([encoded]), true);

    private static ArraySegment<byte> AsSegment(object value) => value switch
    {
        ArraySegment<byte> segment => segment,
        byte[] bytes => new ArraySegment<byte>(bytes),
        _ => throw new AmqpException(AmqpErrorCode.DecodeError, $"A data section holds binary, not {value.GetType().Name}."),
    };

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
