using System.Text.Json;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;
using Scanner.Messaging.ServiceBus;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;
using Xunit.Abstractions;

namespace Scanner.Messaging.Tests.Publishing;

/// <summary>The publisher through the real Service Bus SDK against the loopback broker, each test with its own broker.</summary>
public sealed class ServiceBusChangePublisherTests(ITestOutputHelper output)
{
    private const string Topic = MessagingEntities.ExtensionChanges;

    [Fact]
    public async Task Four_events_go_out_as_one_batch_transfer_with_event_id_type_content_type_repository_and_body()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var harness = ServiceBusHarness.For(broker.ConnectionString);
        CloudEvent[] events =
        [
            TestEvents.Published("docker.io/acme/one", "1.0.0"),
            TestEvents.Published("docker.io/acme/one", "1.1.0"),
            TestEvents.Added("docker.io/acme/two"),
            TestEvents.Published("docker.io/acme/two", "2.0.0"),
        ];

        var result = await harness.Publisher.PublishAsync(events);

        Assert.Empty(result.Unpublishable);
        Assert.Equal("servicebus", harness.Publisher.Destination);
        var transfer = Assert.Single(broker.Transfers);
        Assert.True(transfer.IsBatch);
        Assert.Equal(TransferOutcome.Accepted, transfer.Outcome);
        Assert.Equal(Topic, transfer.Entity);
        var messages = broker.MessagesOn(Topic);
        Assert.Equal(events.Select(e => e.Id), messages.Select(m => m.MessageId));
        Assert.All(messages, m => Assert.Equal(transfer.Id, m.TransferId));
        Assert.Equal([0, 1, 2, 3], messages.Select(m => m.IndexInTransfer));
        foreach (var (cloudEvent, message) in events.Zip(messages))
        {
            Assert.Equal(cloudEvent.Type, message.Subject);
            Assert.Equal("application/cloudevents+json", message.ContentType);
            Assert.Equal(cloudEvent.Type, message.Property("type"));
            Assert.Equal(cloudEvent.Repository, message.Property("repository"));
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(cloudEvent, CoreJsonContext.Default.CloudEvent), message.Body);
        }

        Assert.Equal(3, messages.Count(m => m.Subject == ChangeEventTypes.VersionPublished));
    }

    [Fact]
    public async Task Events_that_do_not_fit_one_batch_are_split_across_batches_in_order_and_none_is_lost()
    {
        await using var broker = await ServiceBusBroker.StartAsync(new ServiceBusBrokerOptions { MaxMessageSize = 4 * 1024 });
        await using var harness = ServiceBusHarness.For(broker.ConnectionString);
        var events = Enumerable.Range(0, 40).Select(i => TestEvents.Published("docker.io/acme/many", $"1.{i}.0")).ToList();

        var result = await harness.Publisher.PublishAsync(events);

        Assert.Empty(result.Unpublishable);
        output.WriteLine(string.Join(Environment.NewLine, broker.Transfers.Select(t => $"{t.Id}: {t.MessageIds.Count} messages, {t.Bytes} bytes")));
        Assert.True(broker.Transfers.Count > 1, $"{broker.Transfers.Count} transfer(s)");
        Assert.All(broker.Transfers, t => Assert.True(t.Bytes <= broker.MaxMessageSize, $"{t.Bytes} bytes"));
        Assert.All(broker.Transfers, t => Assert.Equal(TransferOutcome.Accepted, t.Outcome));
        Assert.Equal(events.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.Equal(events.Select(e => e.Id), broker.Transfers.SelectMany(t => t.MessageIds));
    }

    [Fact]
    public async Task Server_busy_twice_is_retried_by_the_sdk_and_the_send_succeeds()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var harness = ServiceBusHarness.For(broker.ConnectionString);
        CloudEvent[] events = [TestEvents.Added("docker.io/acme/busy"), TestEvents.Published("docker.io/acme/busy", "1.0.0")];
        broker.FailNextSends(2);

        var result = await harness.Publisher.PublishAsync(events);

        Assert.Empty(result.Unpublishable);
        Assert.Equal(
            [TransferOutcome.ServerBusy, TransferOutcome.ServerBusy, TransferOutcome.Accepted],
            broker.Transfers.Select(t => t.Outcome));
        Assert.All(broker.Transfers, t => Assert.Equal(events.Select(e => e.Id), t.MessageIds));
        Assert.Equal(events.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
    }

    [Fact]
    public async Task A_wrong_key_throws_one_clear_error_naming_the_setting_and_no_log_line_holds_the_key_or_a_token()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        var wrongKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + "WrongKey";
        await using var harness = ServiceBusHarness.For(broker.ConnectionStringWithKey(wrongKey));

        var error = await Assert.ThrowsAsync<ServiceBusPublishException>(() => harness.Publisher.PublishAsync([TestEvents.Added()]));

        output.WriteLine(error.ToString());
        Assert.Contains("ServiceBusConnection", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsAuthorizationFailure);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(wrongKey, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessSignature", error.ToString(), StringComparison.Ordinal);
        // The SDK retries 401 too (role assignments take a while to apply): 1 + MaxRetries put-tokens.
        Assert.Equal(4, broker.TokenRequests.Count);
        Assert.All(broker.TokenRequests, request => Assert.Equal(401, request.Status));
        Assert.Empty(broker.Transfers);
        Assert.NotEmpty(harness.Logs.Lines);
        Assert.All(harness.Logs.Lines, line =>
        {
            Assert.DoesNotContain(wrongKey, line, StringComparison.Ordinal);
            Assert.DoesNotContain(broker.Key, line, StringComparison.Ordinal);
            Assert.DoesNotContain("SharedAccessSignature", line, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task A_connection_dropped_mid_batch_is_retried_by_the_sdk_and_every_copy_keeps_the_event_id()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var harness = ServiceBusHarness.For(broker.ConnectionString);
        var events = Enumerable.Range(0, 5).Select(i => TestEvents.Published("docker.io/acme/dropped", $"1.{i}.0")).ToList();
        broker.DropConnectionOnNextSends(1);

        var result = await harness.Publisher.PublishAsync(events);

        Assert.Empty(result.Unpublishable);
        output.WriteLine(string.Join(Environment.NewLine, broker.Transfers));
        Assert.Equal([TransferOutcome.ConnectionDropped, TransferOutcome.Accepted], broker.Transfers.Select(t => t.Outcome));
        Assert.Equal(2, broker.ConnectionsOpened);
        // The broker took the first copy before dropping the connection: the resend is the same messages, same ids,
        // which duplicate detection drops.
        Assert.Equal(events.Select(e => e.Id), broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.Equal(events.Select(e => e.Id), broker.Messages.Where(m => m.IsDuplicate).Select(m => m.MessageId));
        Assert.All(broker.Messages, m => Assert.Equal(JsonDocument.Parse(m.Body).RootElement.GetProperty("id").GetString(), m.MessageId));
    }

    [Fact]
    public async Task An_event_larger_than_the_max_message_size_is_returned_unpublishable_and_the_events_around_it_are_sent()
    {
        await using var broker = await ServiceBusBroker.StartAsync(new ServiceBusBrokerOptions { MaxMessageSize = 8 * 1024 });
        await using var harness = ServiceBusHarness.For(broker.ConnectionString);
        var before = TestEvents.Published("docker.io/acme/big", "1.0.0");
        var huge = TestEvents.Published("docker.io/acme/big", "1.1.0", padding: 20 * 1024);
        var after = TestEvents.Published("docker.io/acme/big", "1.2.0");

        var result = await harness.Publisher.PublishAsync([before, huge, after]);

        var refused = Assert.Single(result.Unpublishable);
        Assert.Equal(huge.Id, refused.EventId);
        Assert.Contains("larger than", refused.Reason, StringComparison.Ordinal);
        Assert.Equal([before.Id, after.Id], broker.MessagesOn(Topic).Select(m => m.MessageId));
        Assert.Contains(harness.Logs.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains(huge.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_broker_that_is_down_makes_the_publish_throw_after_the_sdk_retries()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var harness = ServiceBusHarness.For(broker.ConnectionString, maxRetries: 2);
        await broker.StopAsync();

        var error = await Assert.ThrowsAsync<ServiceBusPublishException>(() => harness.Publisher.PublishAsync([TestEvents.Added()]));

        output.WriteLine(error.ToString());
        Assert.True(error.IsTransient);
        Assert.False(error.IsAuthorizationFailure);
        Assert.Contains("ServiceBusConnection", error.Message, StringComparison.Ordinal);
        Assert.Empty(broker.Messages);
    }
}
