using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// The messages waiting at one receiver address and the receiver links reading them, with credit-based flow: a
/// peek-lock receiver's message stays locked until it is accepted (completed) or rejected (dead-lettered), and comes
/// back when it is released, modified (abandoned) or its link closes; a receive-and-delete receiver's message is gone
/// once sent.
/// </summary>
internal sealed class BrokerSubscription(string address)
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly LinkedList<Entry> _entries = new();
    private readonly List<Consumer> _consumers = [];

    public string Address { get; } = address;

    /// <summary>Adds a message without sending it yet: the entity adds in sequence order under its lock, then pumps.</summary>
    public void Add(RecordedMessage message, long sequence)
    {
        lock (_gate)
        {
            _entries.AddLast(new Entry(message, sequence, DateTime.UtcNow));
        }
    }

    public void Attach(SendingAmqpLink link)
    {
        var consumer = new Consumer(link);
        lock (_gate)
        {
            _consumers.Add(consumer);
        }

        link.RegisterCreditListener((credit, drain, _) => OnCredit(consumer, credit, drain));
        link.RegisterDispositionListener(delivery => OnDisposition(consumer, delivery));
        link.Closed += (_, _) => OnClosed(consumer);
    }

    private void OnCredit(Consumer consumer, uint credit, bool drain)
    {
        lock (_gate)
        {
            consumer.Credit = (int)Math.Min(int.MaxValue, consumer.Credit + (long)credit);
        }

        Pump();
        if (drain)
        {
            lock (_gate)
            {
                consumer.Credit = 0;
            }
        }
    }

    /// <summary>Sends waiting messages to receivers with credit.</summary>
    public void Pump()
    {
        var sends = new List<(Consumer Consumer, AmqpMessage Message)>();
        lock (_gate)
        {
            foreach (var consumer in _consumers)
            {
                for (var node = _entries.First; node is not null && consumer.Credit > 0;)
                {
                    var next = node.Next;
                    var entry = node.Value;
                    if (entry.LockedBy is null)
                    {
                        var message = ToDelivery(entry, consumer.PeekLock);
                        consumer.Credit--;
                        if (consumer.PeekLock)
                        {
                            entry.LockedBy = consumer;
                            entry.Delivery = message;
                            entry.DeliveryCount++;
                        }
                        else
                        {
                            _entries.Remove(node);
                        }

                        sends.Add((consumer, message));
                    }

                    node = next;
                }
            }
        }

        foreach (var (consumer, message) in sends)
        {
            consumer.Link.SendMessageNoWait(message, message.DeliveryTag, AmqpConstants.NullBinary);
        }
    }

    private void OnDisposition(Consumer consumer, Delivery delivery)
    {
        var changed = false;
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (!ReferenceEquals(node.Value.Delivery, delivery))
                {
                    continue;
                }

                if (delivery.State is Accepted or Rejected)
                {
                    _entries.Remove(node);
                }
                else if (delivery.State is Released or Modified)
                {
                    node.Value.LockedBy = null;
                    node.Value.Delivery = null;
                    changed = true;
                }

                break;
            }
        }

        if (!delivery.Settled)
        {
            consumer.Link.DisposeDelivery(delivery, true, delivery.State);
        }

        if (changed)
        {
            Pump();
        }
    }

    private void OnClosed(Consumer consumer)
    {
        lock (_gate)
        {
            _consumers.Remove(consumer);
            foreach (var entry in _entries.Where(e => ReferenceEquals(e.LockedBy, consumer)))
            {
                entry.LockedBy = null;
                entry.Delivery = null;
            }
        }

        Pump();
    }

    private static AmqpMessage ToDelivery(Entry entry, bool peekLock)
    {
        var recorded = entry.Message;
        var message = AmqpMessage.Create(new Data { Value = new ArraySegment<byte>(recorded.Body) });
        message.Properties.MessageId = recorded.MessageId;
        message.Properties.Subject = recorded.Subject;
        if (recorded.ContentType is not null)
        {
            message.Properties.ContentType = recorded.ContentType;
        }

        foreach (var (key, value) in recorded.ApplicationProperties)
        {
            message.ApplicationProperties.Map[key] = value;
        }

        message.Header.DeliveryCount = (uint)entry.DeliveryCount;
        message.MessageAnnotations.Map["x-opt-sequence-number"] = entry.Sequence;
        message.MessageAnnotations.Map["x-opt-enqueued-time"] = entry.EnqueuedAt;
        var lockToken = Guid.NewGuid();
        if (peekLock)
        {
            message.MessageAnnotations.Map["x-opt-locked-until"] = DateTime.UtcNow + LockDuration;
        }

        message.DeliveryTag = new ArraySegment<byte>(lockToken.ToByteArray());
        return message;
    }

    private sealed class Consumer(SendingAmqpLink link)
    {
        public SendingAmqpLink Link { get; } = link;

        public bool PeekLock { get; } = link.Settings.SettleType != SettleMode.SettleOnSend;

        public int Credit { get; set; }
    }

    private sealed class Entry(RecordedMessage message, long sequence, DateTime enqueuedAt)
    {
        public RecordedMessage Message { get; } = message;

        public long Sequence { get; } = sequence;

        public DateTime EnqueuedAt { get; } = enqueuedAt;

        public int DeliveryCount { get; set; }

        public Consumer? LockedBy { get; set; }

        public AmqpMessage? Delivery { get; set; }
    }
}
