using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Scanner.Messaging.InProcess;

/// <summary>
/// Service Bus semantics in memory, for standalone mode: declared queues and topics with subscriptions, duplicate
/// detection by message id, competing consumers, redelivery of a message whose handler threw, and dead-lettering after
/// <see cref="InProcessBusOptions.MaxDeliveryCount"/> deliveries. Messages do not survive the process.
/// </summary>
public sealed partial class InProcessBus : IMessageSender, IHostedService, IAsyncDisposable
{
    private readonly InProcessBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<DeadLetteredMessage> _deadLetters = new();
    private readonly List<Consumer> _consumers = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _pending;
    private TaskCompletionSource _idle = CompletedSource();
    private bool _started;
    private int _disposed;

    public InProcessBus(InProcessBusOptions? options = null, TimeProvider? timeProvider = null, ILogger<InProcessBus>? logger = null)
    {
        _options = options ?? new InProcessBusOptions();
        if (_options.MaxDeliveryCount < 1 || _options.DuplicateDetectionWindow < TimeSpan.Zero)
        {
            throw new ArgumentException("InProcessBusOptions: MaxDeliveryCount must be at least 1 and the duplicate window not negative.", nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<InProcessBus>.Instance;
    }

    /// <summary>Messages given up on, oldest first.</summary>
    public IReadOnlyList<DeadLetteredMessage> DeadLetters => [.. _deadLetters];

    /// <summary>Declares the service's entities: queue <c>scan-requests</c>, topic <c>extension-changes</c> with subscription <c>webhooks</c>.</summary>
    public InProcessBus DeclareScannerEntities()
    {
        DeclareQueue(MessagingEntities.ScanRequests);
        DeclareTopic(MessagingEntities.ExtensionChanges, MessagingEntities.WebhooksSubscription);
        return this;
    }

    public InProcessBus DeclareQueue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var entity = _entities.GetOrAdd(name, n => new Entity(n, isTopic: false));
        if (entity.IsTopic)
        {
            throw new InvalidOperationException($"'{name}' is already declared as a topic.");
        }

        entity.AddSubscription(null);
        return this;
    }

    public InProcessBus DeclareTopic(string name, params string[] subscriptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(subscriptions);
        var entity = _entities.GetOrAdd(name, n => new Entity(n, isTopic: true));
        if (!entity.IsTopic)
        {
            throw new InvalidOperationException($"'{name}' is already declared as a queue.");
        }

        foreach (var subscription in subscriptions)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(subscription);
            entity.AddSubscription(subscription);
        }

        return this;
    }

    /// <summary>
    /// Enqueues the messages; a message id already accepted by this entity within the duplicate detection window is
    /// dropped. A topic copies each message to every subscription.
    /// </summary>
    public Task SendAsync(string entity, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var target = FindEntity(entity);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            message.Validate();
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var message in messages)
        {
            if (!target.TryRecord(message.MessageId, now, _options.DuplicateDetectionWindow))
            {
                LogDuplicate(target.Name, message.MessageId);
                continue;
            }

            // Copy the body: the sender may reuse its buffer once the send returned.
            var properties = new Dictionary<string, string>(message.Properties, StringComparer.Ordinal);
            foreach (var subscription in target.Subscriptions)
            {
                var delivery = new Delivery(message.MessageId, message.Body.ToArray(), message.ContentType, message.Label, properties, now);
                AddPending();
                subscription.Channel.Writer.TryWrite(delivery);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Registers a consumer of a queue; several consumers of one queue compete for its messages.</summary>
    public IDisposable Subscribe(string queue, Func<ReceivedMessage, CancellationToken, Task> handler, int maxConcurrency = 1)
    {
        var entity = FindEntity(queue);
        if (entity.IsTopic)
        {
            throw new InvalidOperationException($"'{queue}' is a topic: subscribe to one of its subscriptions.");
        }

        return AddConsumer(entity, entity.Subscriptions[0], handler, maxConcurrency);
    }

    /// <summary>Registers a consumer of a topic subscription.</summary>
    public IDisposable Subscribe(string topic, string subscription, Func<ReceivedMessage, CancellationToken, Task> handler, int maxConcurrency = 1)
    {
        var entity = FindEntity(topic);
        var target = entity.Subscriptions.FirstOrDefault(s => string.Equals(s.Name, subscription, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"Topic '{topic}' has no subscription '{subscription}'.");
        return AddConsumer(entity, target, handler, maxConcurrency);
    }

    /// <summary>Completes when every message sent so far is settled: handled, or dead-lettered.</summary>
    public Task WaitForIdleAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _pending == 0 ? Task.CompletedTask : _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _started = true;
            foreach (var consumer in _consumers)
            {
                consumer.Start();
            }
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Consumer[] consumers;
        lock (_gate)
        {
            _started = false;
            consumers = [.. _consumers];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(consumers.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops and releases the bus; later calls do nothing (a container disposes it once per registration).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        Consumer[] consumers;
        lock (_gate)
        {
            consumers = [.. _consumers];
        }

        foreach (var consumer in consumers)
        {
            consumer.Dispose();
        }

        _stopping.Dispose();
    }

    private Entity FindEntity(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _entities.TryGetValue(name, out var entity)
            ? entity
            : throw new InvalidOperationException(
                $"The in-process bus has no queue or topic '{name}'; declared: {string.Join(", ", _entities.Keys.Order(StringComparer.Ordinal))}.");
    }

    private Consumer AddConsumer(Entity entity, SubscriptionQueue subscription, Func<ReceivedMessage, CancellationToken, Task> handler, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var consumer = new Consumer(this, entity, subscription, handler, maxConcurrency);
        lock (_gate)
        {
            _consumers.Add(consumer);
            if (_started)
            {
                consumer.Start();
            }
        }

        return consumer;
    }

    private async Task ConsumeAsync(Entity entity, SubscriptionQueue subscription, Func<ReceivedMessage, CancellationToken, Task> handler, CancellationToken stopping)
    {
        while (true)
        {
            Delivery delivery;
            try
            {
                delivery = await subscription.Channel.Reader.ReadAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delivery.DeliveryCount++;
            var received = delivery.ToReceived();
            try
            {
                await handler(received, stopping).ConfigureAwait(false);
                SettlePending();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopped mid-delivery: the message stays available, as an abandoned lock would leave it.
                delivery.DeliveryCount--;
                subscription.Channel.Writer.TryWrite(delivery);
                return;
            }
            catch (Exception ex)
            {
                if (delivery.DeliveryCount >= _options.MaxDeliveryCount)
                {
                    var reason = $"MaxDeliveryCountExceeded: {ex.GetType().Name}: {ex.Message}";
                    _deadLetters.Enqueue(new DeadLetteredMessage(entity.Name, subscription.Name, received, reason));
                    LogDeadLettered(ex, entity.Name, subscription.Name, delivery.MessageId, delivery.DeliveryCount);
                    SettlePending();
                }
                else
                {
                    var delay = RedeliveryDelay(delivery.DeliveryCount);
                    LogAbandoned(ex, entity.Name, subscription.Name, delivery.MessageId, delivery.DeliveryCount, delay);
                    _ = RedeliverAsync(subscription, delivery, delay, stopping);
                }
            }
        }
    }

    private async Task RedeliverAsync(SubscriptionQueue subscription, Delivery delivery, TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _timeProvider, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping: put it back at once so it is not lost while the bus lives.
        }

        subscription.Channel.Writer.TryWrite(delivery);
    }

    private TimeSpan RedeliveryDelay(int deliveryCount)
    {
        var milliseconds = _options.RedeliveryDelay.TotalMilliseconds * Math.Pow(2, deliveryCount - 1);
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, _options.MaxRedeliveryDelay.TotalMilliseconds));
    }

    private void AddPending()
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void SettlePending()
    {
        lock (_gate)
        {
            if (--_pending == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource CompletedSource()
    {
        var source = new TaskCompletionSource();
        source.SetResult();
        return source;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Duplicate message {MessageId} to {Entity} dropped")]
    private partial void LogDuplicate(string entity, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler of {Entity}/{Subscription} failed for message {MessageId} (delivery {DeliveryCount}); redelivering in {Delay}")]
    private partial void LogAbandoned(Exception exception, string entity, string? subscription, string messageId, int deliveryCount, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} of {Entity}/{Subscription} dead-lettered after {DeliveryCount} deliveries")]
    private partial void LogDeadLettered(Exception exception, string entity, string? subscription, string messageId, int deliveryCount);

    private sealed class Entity(string name, bool isTopic)
    {
        private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
        private readonly Queue<(string Id, DateTimeOffset At)> _seenOrder = new();
        private volatile SubscriptionQueue[] _subscriptions = [];

        public string Name { get; } = name;

        public bool IsTopic { get; } = isTopic;

        public SubscriptionQueue[] Subscriptions => _subscriptions;

        public void AddSubscription(string? subscription)
        {
            lock (_seen)
            {
                if (_subscriptions.Any(s => string.Equals(s.Name, subscription, StringComparison.OrdinalIgnoreCase)))
                {
                    return;
                }

                _subscriptions = [.. _subscriptions, new SubscriptionQueue(subscription)];
            }
        }

        /// <summary>False when <paramref name="messageId"/> was accepted within the window (a duplicate).</summary>
        public bool TryRecord(string messageId, DateTimeOffset now, TimeSpan window)
        {
            lock (_seen)
            {
                while (_seenOrder.TryPeek(out var oldest) && now - oldest.At >= window)
                {
                    _seenOrder.Dequeue();
                    if (_seen.TryGetValue(oldest.Id, out var at) && at == oldest.At)
                    {
                        _seen.Remove(oldest.Id);
                    }
                }

                if (_seen.TryGetValue(messageId, out var seenAt) && now - seenAt < window)
                {
                    return false;
                }

                _seen[messageId] = now;
                _seenOrder.Enqueue((messageId, now));
                return true;
            }
        }
    }

    private sealed class SubscriptionQueue(string? name)
    {
        public string? Name { get; } = name;

        public Channel<Delivery> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<Delivery>();
    }

    private sealed class Delivery(
        string messageId, byte[] body, string? contentType, string? label, IReadOnlyDictionary<string, string> properties, DateTimeOffset enqueuedTime)
    {
        public string MessageId { get; } = messageId;

        public int DeliveryCount { get; set; }

        public ReceivedMessage ToReceived() =>
            new(MessageId, body, contentType, label, properties, DeliveryCount, enqueuedTime);
    }

    private sealed class Consumer(
        InProcessBus bus, Entity entity, SubscriptionQueue subscription, Func<ReceivedMessage, CancellationToken, Task> handler, int maxConcurrency)
        : IDisposable
    {
        private readonly CancellationTokenSource _cancel = CancellationTokenSource.CreateLinkedTokenSource(bus._stopping.Token);
        private Task? _completion;

        public Task Completion => _completion ?? Task.CompletedTask;

        public void Start()
        {
            if (_completion is not null)
            {
                return;
            }

            var token = _cancel.Token;
            _completion = Task.WhenAll(Enumerable.Range(0, maxConcurrency)
                .Select(_ => Task.Run(() => bus.ConsumeAsync(entity, subscription, handler, token), CancellationToken.None)));
        }

        public void Dispose()
        {
            _cancel.Cancel();
            _cancel.Dispose();
            lock (bus._gate)
            {
                bus._consumers.Remove(this);
            }
        }
    }
}
