using System.Text.Json;
using Scanner.Testing.Azurite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Messaging.Extensions;
using Scanner.Messaging.InProcess;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Extensions;

[Collection(AzuriteCollection.Name)]
public sealed class AddScannerMessagingTests(AzuriteFixture azurite)
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task With_a_service_bus_connection_change_events_go_to_service_bus_only()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var provider = new ServiceCollection()
            .AddScannerMessaging(Configuration(("ServiceBusConnection", broker.ConnectionString)))
            .BuildServiceProvider();

        var publisher = Assert.IsType<ServiceBusChangePublisher>(Assert.Single(provider.GetServices<IChangePublisher>()));
        await publisher.PublishAsync([TestEvents.Added()]);
        Assert.Equal(TestEvents.Added().Id, Assert.Single(broker.MessagesOn()).MessageId);
    }

    [Fact]
    public async Task Without_service_bus_the_in_process_bus_is_the_sender_and_a_hosted_service()
    {
        await using var provider = new ServiceCollection().AddScannerMessaging(Configuration()).BuildServiceProvider();

        var bus = Assert.IsType<InProcessBus>(provider.GetRequiredService<IMessageSender>());
        Assert.Same(bus, Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public async Task Without_service_bus_change_events_go_to_the_in_process_topic_and_replace_a_fallback_added_before()
    {
        var services = new ServiceCollection();
        services.TryAddSingleton<IChangePublisher, DiscardingPublisher>();
        await using var provider = services.AddScannerMessaging(Configuration()).BuildServiceProvider();

        Assert.IsType<InProcessChangePublisher>(provider.GetRequiredService<IChangePublisher>());
        Assert.IsType<ScanRequestSender>(provider.GetRequiredService<IScanRequestSender>());
    }

    [Fact]
    public async Task Standalone_change_reaches_a_subscriber_through_the_in_process_topic()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var provider = new ServiceCollection().AddScannerMessaging(Configuration(
            ("AzureWebJobsStorage", azurite.ConnectionString),
            ("Scanner:Subscribers:AllowPrivateNetworks", "true"),
            ("Scanner:Subscribers:TableNamePrefix", prefix))).BuildServiceProvider();
        var bus = provider.GetRequiredService<InProcessBus>();
        var delivery = provider.GetRequiredService<SubscriberDelivery>();
        await provider.GetRequiredService<ISubscriberStore>().UpsertAsync(
            new Subscriber("local", receiver.Url("hook"), "k", [], TestEvents.Time));
        using var subscription = bus.Subscribe(MessagingEntities.ExtensionChanges, MessagingEntities.WebhooksSubscription,
            (message, cancellationToken) => delivery.NotifyAsync(JsonSerializer.Deserialize(message.Body.Span, CoreJsonContext.Default.CloudEvent)!, cancellationToken));
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var cloudEvent = TestEvents.Added();
        await provider.GetRequiredService<IChangePublisher>().PublishAsync([cloudEvent, cloudEvent]);
        await bus.WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var received = Assert.Single(receiver.Received);
        Assert.Contains(cloudEvent.Id, received.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Development_storage_connection_string_points_at_local_azurite()
    {
        var client = TableServiceConnection.Create(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Uri);
    }

    [Fact]
    public void Storage_account_name_uses_its_table_endpoint_with_managed_identity()
    {
        var client = TableServiceConnection.Create(Configuration(("AzureWebJobsStorage:accountName", "scannerstore")));

        Assert.Equal("scannerstore.table.core.windows.net", client.Uri.Host);
        Assert.Equal(Uri.UriSchemeHttps, client.Uri.Scheme);
    }

    [Fact]
    public void Missing_storage_configuration_says_which_keys_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TableServiceConnection.Create(Configuration()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_policy_follows_the_allow_private_networks_setting()
    {
        await using var provider = new ServiceCollection()
            .AddScannerMessaging(Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("Scanner:Subscribers:AllowPrivateNetworks", "true")))
            .BuildServiceProvider();

        Assert.True(provider.GetRequiredService<SubscriberAddressPolicy>().AllowPrivateNetworks);
    }

    private sealed class DiscardingPublisher : IChangePublisher
    {
        public string Destination => "discarding";

        public Task<PublishResult> PublishAsync(IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default) =>
            Task.FromResult(PublishResult.AllPublished);
    }
}
