using Xunit.Abstractions;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.ServiceBus;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Publishing;

public sealed class PublishingTests(ITestOutputHelper output)
{
    private static ServiceBusRestClient ClientFor(ServiceBusContractServer server) =>
        ServiceBusRestClient.Create(ServiceBusConnectionInfo.ParseConnectionString(server.ConnectionString));

    [Fact]
    public async Task Change_events_go_to_the_topic_with_event_id_type_and_repository()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        var publisher = new ServiceBusChangePublisher(client);
        var events = new[]
        {
            TestEvents.Added("docker.io/acme/one"),
            TestEvents.Blocked("docker.io/acme/one", "1.2.0"),
            TestEvents.Added("docker.io/acme/two"),
        };

        await publisher.PublishAsync(events);

        output.WriteLine(server.FormatLog());
        Assert.Equal(events.Select(e => e.Id), server.Accepted.Select(m => m.MessageId));
        Assert.All(server.Accepted, m => Assert.Equal(MessagingEntities.ExtensionChanges, m.Entity));
        Assert.Equal(events.Select(e => e.Type), server.Accepted.Select(m => m.Properties[MessagingEntities.TypeProperty]));
        Assert.Equal(["docker.io/acme/one", "docker.io/acme/one", "docker.io/acme/two"],
            server.Accepted.Select(m => m.Properties[MessagingEntities.RepositoryProperty]));
        Assert.Equal(events.Select(e => e.Id), server.Accepted.Select(m => ServiceBusChangePublisher.ReadEvent(m.Body).Id));
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Resending_after_a_crash_before_the_outbox_delete_reuses_the_ids_and_counts_each_event_once()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        var events = new[] { TestEvents.Added("docker.io/acme/a"), TestEvents.Added("docker.io/acme/b"), TestEvents.Added("docker.io/acme/c") };

        // First process: the send succeeds, then it dies before deleting the outbox rows.
        using (var first = ClientFor(server))
        {
            await new ServiceBusChangePublisher(first).PublishAsync(events);
        }

        // Recovery: a new process relays the same outbox rows again.
        using (var second = ClientFor(server))
        {
            await new ServiceBusChangePublisher(second).PublishAsync(events);
        }

        output.WriteLine(server.FormatLog());
        Assert.Equal(6, server.Messages.Count);
        Assert.Equal(events.Select(e => e.Id), server.Accepted.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Fifty_scan_requests_for_one_repository_within_a_minute_enqueue_one_message()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        var sender = new ScanRequestSender(client);
        var repository = RepositoryName.Parse("docker.io/acme/busy");
        var minute = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            sender.SendAsync([ScanRequest.For(repository, minute.AddSeconds(i))])));

        Assert.Equal(50, server.Requests.Count);
        var message = Assert.Single(server.Accepted);
        Assert.Equal(MessagingEntities.ScanRequests, message.Entity);
        Assert.Equal("scan:docker.io/acme/busy:2026-11-23T10:15", message.MessageId);
        Assert.Equal("docker.io/acme/busy", ScanRequestSender.ReadRepository(message.Body));
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Scan_requests_in_the_next_minute_are_a_new_scan()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        var sender = new ScanRequestSender(client);
        var repository = RepositoryName.Parse("docker.io/acme/busy");
        var minute = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

        await sender.SendAsync([ScanRequest.For(repository, minute.AddSeconds(59))]);
        await sender.SendAsync([ScanRequest.For(repository, minute.AddSeconds(60))]);

        Assert.Equal(2, server.Accepted.Count);
    }
}
