using System.Collections.Concurrent;
using System.Text;
using Scanner.Messaging.InProcess;
using Scanner.Messaging.Tests.Support;

namespace Scanner.Messaging.Tests.InProcess;

public sealed class InProcessBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static InProcessBusOptions FastOptions(int maxDeliveryCount = 10) => new()
    {
        MaxDeliveryCount = maxDeliveryCount,
        RedeliveryDelay = TimeSpan.FromMilliseconds(5),
        MaxRedeliveryDelay = TimeSpan.FromMilliseconds(20),
    };

    private static OutgoingMessage Message(string id) => new(id, Encoding.UTF8.GetBytes(id));

    [Fact]
    public async Task Competing_consumers_of_a_queue_handle_each_message_exactly_once()
    {
        await using var bus = new InProcessBus(FastOptions()).DeclareScannerEntities();
        var handled = new ConcurrentDictionary<string, ConcurrentBag<int>>();
        async Task Handler(int consumer, ReceivedMessage m)
        {
            handled.GetOrAdd(m.MessageId, _ => []).Add(consumer);
            await Task.Delay(5);
        }

        bus.Subscribe(MessagingEntities.ScanRequests, (m, _) => Handler(1, m), maxConcurrency: 2);
        bus.Subscribe(MessagingEntities.ScanRequests, (m, _) => Handler(2, m), maxConcurrency: 2);
        await bus.StartAsync(CancellationToken.None);

        await bus.SendAsync(MessagingEntities.ScanRequests, [.. Enumerable.Range(0, 40).Select(i => Message($"m{i}"))]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);

        Assert.Equal(40, handled.Count);
        Assert.All(handled.Values, consumers => Assert.Single(consumers));
        Assert.Equal([1, 2], handled.Values.SelectMany(c => c).Distinct().Order());
    }

    [Fact]
    public async Task Topic_copies_each_message_to_every_subscription()
    {
        await using var bus = new InProcessBus(FastOptions()).DeclareTopic("t", "s1", "s2");
        var seen = new ConcurrentBag<string>();
        bus.Subscribe("t", "s1", (m, _) => { seen.Add("s1:" + m.MessageId); return Task.CompletedTask; });
        bus.Subscribe("t", "s2", (m, _) => { seen.Add("s2:" + m.MessageId); return Task.CompletedTask; });
        await bus.StartAsync(CancellationToken.None);

        await bus.SendAsync("t", [Message("e1")]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);

        Assert.Equal(["s1:e1", "s2:e1"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Message_whose_handler_fails_is_redelivered_with_a_higher_delivery_count()
    {
        await using var bus = new InProcessBus(FastOptions()).DeclareScannerEntities();
        var deliveries = new ConcurrentQueue<int>();
        bus.Subscribe(MessagingEntities.ScanRequests, (m, _) =>
        {
            deliveries.Enqueue(m.DeliveryCount);
            return m.DeliveryCount < 3 ? throw new InvalidOperationException("not yet") : Task.CompletedTask;
        });
        await bus.StartAsync(CancellationToken.None);

        await bus.SendAsync(MessagingEntities.ScanRequests, [Message("flaky")]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);

        Assert.Equal([1, 2, 3], deliveries);
        Assert.Empty(bus.DeadLetters);
    }

    [Fact]
    public async Task Message_failing_every_delivery_is_dead_lettered_after_max_delivery_count()
    {
        await using var bus = new InProcessBus(FastOptions(maxDeliveryCount: 3)).DeclareScannerEntities();
        var attempts = 0;
        bus.Subscribe(MessagingEntities.ExtensionChanges, MessagingEntities.WebhooksSubscription, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("always broken");
        });
        await bus.StartAsync(CancellationToken.None);

        await bus.SendAsync(MessagingEntities.ExtensionChanges, [Message("poison")]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);

        Assert.Equal(3, attempts);
        var dead = Assert.Single(bus.DeadLetters);
        Assert.Equal(("poison", MessagingEntities.WebhooksSubscription), (dead.Message.MessageId, dead.Subscription));
        Assert.Contains("always broken", dead.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_message_id_within_the_window_is_dropped_and_accepted_again_after_it()
    {
        var time = new ManualTimeProvider(TestEvents.Time);
        await using var bus = new InProcessBus(FastOptions(), time).DeclareScannerEntities();
        var handled = new ConcurrentQueue<string>();
        bus.Subscribe(MessagingEntities.ScanRequests, (m, _) => { handled.Enqueue(m.MessageId); return Task.CompletedTask; });
        await bus.StartAsync(CancellationToken.None);

        await bus.SendAsync(MessagingEntities.ScanRequests, [Message("same")]);
        time.Advance(TimeSpan.FromMinutes(9));
        await bus.SendAsync(MessagingEntities.ScanRequests, [Message("same")]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);
        Assert.Single(handled);

        time.Advance(TimeSpan.FromMinutes(2));
        await bus.SendAsync(MessagingEntities.ScanRequests, [Message("same")]);
        await bus.WaitForIdleAsync().WaitAsync(Patience);
        Assert.Equal(2, handled.Count);
    }

    [Fact]
    public async Task Sending_to_an_undeclared_entity_names_the_declared_ones()
    {
        await using var bus = new InProcessBus().DeclareScannerEntities();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => bus.SendAsync("nope", [Message("x")]));

        Assert.Contains(MessagingEntities.ScanRequests, error.Message, StringComparison.Ordinal);
    }
}
