using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Relay;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Extensions;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Extensions;

public sealed class AddScannerMessagingTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task With_a_service_bus_connection_change_events_go_to_service_bus()
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
    public async Task Without_service_bus_nothing_publishes_and_subscriber_delivery_is_still_there()
    {
        await using var provider = new ServiceCollection().AddScannerMessaging(Configuration()).BuildServiceProvider();

        Assert.Empty(provider.GetServices<IChangePublisher>());
        Assert.IsType<SubscriberDelivery>(provider.GetRequiredService<ISubscriberNotifier>());
    }

    [Fact]
    public async Task Subscriber_urls_are_checked_with_the_policy_deliveries_connect_through()
    {
        await using var provider = new ServiceCollection().AddScannerMessaging(Configuration()).BuildServiceProvider();

        var delivery = provider.GetRequiredService<SubscriberDelivery>();
        Assert.Same(delivery.AddressPolicy, provider.GetRequiredService<ISubscriberUrlPolicy>());
        Assert.NotNull(provider.GetRequiredService<ISubscriberUrlPolicy>().Refusal(new Uri("http://127.0.0.1/hook")));
        Assert.Null(provider.GetRequiredService<ISubscriberUrlPolicy>().Refusal(new Uri("https://hooks.example.com/scanner")));
    }
}
