namespace Scanner.Testing.ServiceBus;

/// <summary>
/// A queue or topic of the broker: duplicate detection by message id, and a copy of every message it takes for each
/// receiver address (<c>extension-changes</c>, <c>extension-changes/Subscriptions/x</c>), each of which holds everything
/// the entity took since the broker started. Guarded by the broker's lock.
/// </summary>
internal sealed class BrokerEntity(string name)
{
    private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);
    private readonly List<(RecordedMessage Message, long Sequence)> _taken = [];
    private readonly Dictionary<string, BrokerSubscription> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private long _sequence;

    public string Name { get; } = name;

    /// <summary>
    /// Takes a message into every receiver address; false when its id was seen before (dropped by duplicate detection).
    /// The caller pumps <paramref name="subscriptions"/> once it has left the lock.
    /// </summary>
    public bool TryTake(RecordedMessage message, out long sequence, out IReadOnlyList<BrokerSubscription> subscriptions)
    {
        subscriptions = [];
        sequence = 0;
        if (message.MessageId is { } id && !_messageIds.Add(id))
        {
            return false;
        }

        sequence = ++_sequence;
        _taken.Add((message, sequence));
        foreach (var subscription in _subscriptions.Values)
        {
            subscription.Add(message, sequence);
        }

        subscriptions = [.. _subscriptions.Values];
        return true;
    }

    public BrokerSubscription Subscription(string address)
    {
        if (!_subscriptions.TryGetValue(address, out var subscription))
        {
            subscription = new BrokerSubscription(address);
            foreach (var (message, sequence) in _taken)
            {
                subscription.Add(message, sequence);
            }

            _subscriptions.Add(address, subscription);
        }

        return subscription;
    }
}
