using Microsoft.Extensions.Options;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Subscribers;

public sealed class SecretsStayOutOfLogsTests
{
    [Fact]
    public async Task Delivering_never_logs_the_secret_or_the_url_query()
    {
        const string secret = "do-not-log-this-secret";
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("hook", 500);
        var options = Options.Create(new SubscriberOptions
        {
            AllowPrivateNetworks = true,
            InitialRetryDelay = TimeSpan.FromMilliseconds(20),
        });
        var deliveryLog = new CollectingLogger<SubscriberDelivery>();
        using var delivery = new SubscriberDelivery(options, logger: deliveryLog);
        var url = new Uri(receiver.Url("hook") + "?token=query-token");

        await delivery.DeliverAsync(new Subscriber("logged", url, secret, [], TestEvents.Time), [TestEvents.Added()]);

        var lines = deliveryLog.Lines.ToList();
        Assert.NotEmpty(deliveryLog.Lines);
        Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("query-token", StringComparison.Ordinal));
    }
}
