using Scanner.Testing.Azurite;
using Microsoft.Extensions.Options;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Subscribers;

[Collection(AzuriteCollection.Name)]
public sealed class SecretsStayOutOfLogsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Saving_and_delivering_never_logs_the_secret_or_the_url_query()
    {
        const string secret = "do-not-log-this-secret";
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("hook", 500);
        var options = Options.Create(new SubscriberOptions
        {
            AllowPrivateNetworks = true,
            TableNamePrefix = "t" + Guid.NewGuid().ToString("N")[..12],
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        });
        var storeLog = new CollectingLogger<TableSubscriberStore>();
        var deliveryLog = new CollectingLogger<SubscriberDelivery>();
        var store = new TableSubscriberStore(azurite.CreateTableServiceClient(), options, storeLog);
        using var delivery = new SubscriberDelivery(store, options, logger: deliveryLog);
        var url = new Uri(receiver.Url("hook") + "?token=query-token");
        await store.UpsertAsync(new Subscriber("logged", url, secret, [], TestEvents.Time));

        await delivery.NotifyAsync(TestEvents.Added());

        var lines = storeLog.Lines.Concat(deliveryLog.Lines).ToList();
        Assert.NotEmpty(deliveryLog.Lines);
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("query-token", StringComparison.Ordinal));
    }
}
