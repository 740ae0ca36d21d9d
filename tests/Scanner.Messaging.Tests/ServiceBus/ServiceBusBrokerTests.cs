using Azure.Messaging.ServiceBus;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.ServiceBus;

/// <summary>The broker itself, driven by the plain SDK (no publisher), so the publisher's tests stand on something checked.</summary>
public sealed class ServiceBusBrokerTests
{
    private const string Topic = ServiceBusBrokerOptions.ExtensionChanges;

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static ServiceBusClient ClientFor(string connectionString) => new(connectionString, new ServiceBusClientOptions
    {
        RetryOptions = new ServiceBusRetryOptions { Mode = ServiceBusRetryMode.Fixed, Delay = TimeSpan.FromMilliseconds(50), MaxRetries = 1, TryTimeout = TimeSpan.FromSeconds(10) },
    });

    [Fact]
    public async Task A_token_signed_with_the_wrong_key_is_refused_with_401_and_nothing_is_taken()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionStringWithKey(Convert.ToBase64String(new byte[32])));
        await using var sender = client.CreateSender(Topic);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "m" }));

        // The SDK retries an unauthorized answer (for role assignments that take a while): once here, MaxRetries = 1.
        Assert.Equal(2, broker.TokenRequests.Count);
        Assert.All(broker.TokenRequests, request =>
        {
            Assert.Equal(401, request.Status);
            Assert.StartsWith("InvalidSignature", request.Description, StringComparison.Ordinal);
            Assert.Equal(broker.KeyName, request.KeyName);
        });
        Assert.Empty(broker.Transfers);
    }

    [Fact]
    public async Task A_token_signed_with_the_key_is_accepted_with_202_for_the_entity_audience()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);

        await sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "m" });

        var request = Assert.Single(broker.TokenRequests);
        Assert.Equal(202, request.Status);
        Assert.Equal($"amqp://127.0.0.1/{Topic}", request.Audience);
        var transfer = Assert.Single(broker.Transfers);
        Assert.False(transfer.IsBatch);
        Assert.Equal("x", Assert.Single(broker.MessagesOn(Topic)).BodyText);
    }

    [Fact]
    public void Signatures_are_checked_for_key_name_key_expiry_and_resource()
    {
        const string Resource = "amqps://127.0.0.1/";
        const string Audience = "amqp://127.0.0.1/extension-changes";
        var good = SharedAccessSignature.Create(Resource, "policy", "key", Now.AddHours(1));

        Assert.Null(SharedAccessSignature.Check(good, "policy", "key", Audience, Now));
        Assert.StartsWith("InvalidSignature", SharedAccessSignature.Check(good, "policy", "other-key", Audience, Now));
        Assert.StartsWith("InvalidSignature", SharedAccessSignature.Check(good, "other-policy", "key", Audience, Now));
        Assert.StartsWith("ExpiredToken", SharedAccessSignature.Check(good, "policy", "key", Audience, Now.AddHours(2)));
        Assert.StartsWith("InvalidAudience", SharedAccessSignature.Check(good, "policy", "key", "amqp://10.0.0.1/extension-changes", Now));
        var entityOnly = SharedAccessSignature.Create("amqps://127.0.0.1/other", "policy", "key", Now.AddHours(1));
        Assert.StartsWith("InvalidAudience", SharedAccessSignature.Check(entityOnly, "policy", "key", Audience, Now));
        var tampered = good.Replace("se=", "se=1", StringComparison.Ordinal);
        Assert.StartsWith("InvalidSignature", SharedAccessSignature.Check(tampered, "policy", "key", Audience, Now));
        Assert.StartsWith("MalformedToken", SharedAccessSignature.Check("Bearer abc", "policy", "key", Audience, Now));
    }

    [Fact]
    public async Task Refused_tokens_make_the_sdk_fail_with_unauthorized_until_the_refusals_are_used_up()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);
        broker.RefuseNextTokens(2);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x") { MessageId = "a" }));
        await sender.SendMessageAsync(new ServiceBusMessage("y") { MessageId = "b" });

        Assert.Equal([401, 401, 202], broker.TokenRequests.Select(r => r.Status));
        Assert.Equal(["b"], broker.MessagesOn(Topic).Select(m => m.MessageId));
    }

    [Fact]
    public async Task An_unknown_entity_is_not_found()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender("no-such-topic");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    [Fact]
    public async Task A_repeated_message_id_is_recorded_as_a_duplicate_and_delivered_once()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);

        await sender.SendMessageAsync(new ServiceBusMessage("first") { MessageId = "same" });
        await sender.SendMessageAsync(new ServiceBusMessage("second") { MessageId = "same" });

        Assert.Equal([false, true], broker.Messages.Select(m => m.IsDuplicate));
        Assert.Equal("first", Assert.Single(broker.MessagesOn(Topic)).BodyText);
    }

    [Fact]
    public async Task A_subscription_receiver_reads_back_what_was_sent_with_its_properties_and_completes_it()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);
        using (var batch = await sender.CreateMessageBatchAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                var message = new ServiceBusMessage($"body {i}") { MessageId = $"id-{i}", Subject = "extension.added", ContentType = "text/plain" };
                message.ApplicationProperties["repository"] = "docker.io/acme/x";
                Assert.True(batch.TryAddMessage(message));
            }

            await sender.SendMessagesAsync(batch);
        }

        await using var receiver = client.CreateReceiver(Topic, "test");
        var received = new List<ServiceBusReceivedMessage>();
        while (received.Count < 3)
        {
            received.AddRange(await receiver.ReceiveMessagesAsync(3 - received.Count, TimeSpan.FromSeconds(10)));
        }

        foreach (var message in received)
        {
            await receiver.CompleteMessageAsync(message);
        }

        Assert.Equal(["id-0", "id-1", "id-2"], received.Select(m => m.MessageId));
        Assert.Equal(["body 0", "body 1", "body 2"], received.Select(m => m.Body.ToString()));
        Assert.All(received, m => Assert.Equal("extension.added", m.Subject));
        Assert.All(received, m => Assert.Equal("text/plain", m.ContentType));
        Assert.All(received, m => Assert.Equal("docker.io/acme/x", m.ApplicationProperties["repository"]));
        Assert.Equal([1L, 2L, 3L], received.Select(m => m.SequenceNumber));
        Assert.Empty(await receiver.ReceiveMessagesAsync(1, TimeSpan.FromMilliseconds(300)));
        Assert.True(Assert.Single(broker.Transfers).IsBatch);
    }

    [Fact]
    public async Task An_abandoned_message_comes_back_to_a_peek_lock_receiver()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);
        await sender.SendMessageAsync(new ServiceBusMessage("again") { MessageId = "abandoned" });
        await using var receiver = client.CreateReceiver(Topic, "test");

        var first = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        await receiver.AbandonMessageAsync(first);
        var second = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("abandoned", second.MessageId);
        Assert.Equal(1, second.DeliveryCount - first.DeliveryCount);
    }

    [Fact]
    public async Task A_stopped_broker_refuses_connections_and_takes_messages_again_after_a_restart_on_the_same_port()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var client = ClientFor(broker.ConnectionString);
        await using var sender = client.CreateSender(Topic);
        await sender.SendMessageAsync(new ServiceBusMessage("before") { MessageId = "before" });
        var port = broker.Port;

        await broker.StopAsync();
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("down") { MessageId = "down" }));
        Assert.True(error.IsTransient, error.ToString());
        await broker.RestartAsync();
        await sender.SendMessageAsync(new ServiceBusMessage("after") { MessageId = "after" });

        Assert.Equal(port, broker.Port);
        Assert.True(broker.IsRunning);
        Assert.Equal(["before", "after"], broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.True(broker.ConnectionsOpened >= 2, $"{broker.ConnectionsOpened} connection(s)");
    }
}
