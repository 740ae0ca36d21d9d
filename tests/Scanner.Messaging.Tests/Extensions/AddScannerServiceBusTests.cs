using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Relay;
using Scanner.Messaging.Extensions;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.ServiceBus;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Extensions;

public sealed class AddScannerServiceBusTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task Without_a_service_bus_connection_no_change_publisher_is_registered()
    {
        await using var provider = new ServiceCollection().AddScannerServiceBus(Configuration()).BuildServiceProvider();

        Assert.Empty(provider.GetServices<IChangePublisher>());
        Assert.Null(provider.GetService<ServiceBusClient>());
        Assert.Null(provider.GetService<ServiceBusSender>());
    }

    [Fact]
    public async Task A_connection_string_registers_one_client_one_sender_for_the_topic_and_the_publisher()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        var services = new ServiceCollection();
        var configuration = Configuration(("ServiceBusConnection", broker.ConnectionString));
        services.AddScannerServiceBus(configuration).AddScannerServiceBus(configuration);
        await using var provider = services.BuildServiceProvider();

        var publisher = Assert.IsType<ServiceBusChangePublisher>(Assert.Single(provider.GetServices<IChangePublisher>()));
        var sender = provider.GetRequiredService<ServiceBusSender>();
        Assert.Same(sender, provider.GetRequiredService<ServiceBusSender>());
        Assert.Equal(MessagingEntities.ExtensionChanges, sender.EntityPath);
        Assert.Equal("127.0.0.1", provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.Equal("servicebus", publisher.Destination);
    }

    [Fact]
    public async Task Identity_settings_build_a_client_for_the_fully_qualified_namespace()
    {
        await using var provider = new ServiceCollection().AddScannerServiceBus(Configuration(
            ("ServiceBusConnection:fullyQualifiedNamespace", "contoso.servicebus.windows.net"),
            ("ServiceBusConnection:clientId", "00000000-0000-0000-0000-000000000001"))).BuildServiceProvider();

        Assert.Equal("contoso.servicebus.windows.net", provider.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.Equal("contoso.servicebus.windows.net", provider.GetRequiredService<ServiceBusSender>().FullyQualifiedNamespace);
        Assert.IsType<ServiceBusChangePublisher>(Assert.Single(provider.GetServices<IChangePublisher>()));
    }

    [Fact]
    public async Task Retries_come_from_the_scanner_service_bus_section_and_a_send_failing_past_them_throws()
    {
        await using var broker = await ServiceBusBroker.StartAsync();
        await using var harness = ServiceBusHarness.For(broker.ConnectionString, maxRetries: 1);
        broker.DropConnectionOnNextSends(5);

        var error = await Assert.ThrowsAsync<ServiceBusPublishException>(() => harness.Publisher.PublishAsync([TestEvents.Added()]));

        Assert.True(error.IsTransient);
        Assert.Equal([TransferOutcome.ConnectionDropped, TransferOutcome.ConnectionDropped], broker.Transfers.Select(t => t.Outcome));
    }

    [Theory]
    [InlineData("not a connection string")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=policy")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=policy;SharedAccessKey=c2VjcmV0LWtleQ==;EntityPath=other")]
    public void An_unusable_connection_string_is_one_error_naming_the_setting_and_not_the_key(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddScannerServiceBus(Configuration(("ServiceBusConnection", value))));

        Assert.Contains("ServiceBusConnection", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleQ==", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_id_without_a_namespace_names_the_missing_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddScannerServiceBus(Configuration(("ServiceBusConnection:clientId", "00000000-0000-0000-0000-000000000001"))));

        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
    }
}
