using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Messaging.InProcess;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.ServiceBus;
using Scanner.Messaging.Subscribers;

namespace Scanner.Messaging.Extensions;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the messaging layer. Change events go to Service Bus when <c>ServiceBusConnection</c> is set
    /// (<see cref="ServiceBusServiceCollectionExtensions.AddScannerServiceBus"/>); otherwise to the in-process topic, whose
    /// <c>webhooks</c> subscription feeds standalone mode's subscriber notifications. Scan requests go through the
    /// <see cref="InProcessBus"/> (also a hosted service, which runs its consumers). The subscriber store uses the
    /// <c>AzureWebJobsStorage</c> account.
    /// </summary>
    public static IServiceCollection AddScannerMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InProcessBusOptions>().Bind(configuration.GetSection(InProcessBusOptions.SectionName));
        services.AddOptions<SubscriberOptions>().Bind(configuration.GetSection(SubscriberOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        services.AddScannerServiceBus(configuration);
        services.AddSingleton(sp => new InProcessBus(
            sp.GetRequiredService<IOptions<InProcessBusOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<InProcessBus>>()).DeclareScannerEntities());
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<InProcessBus>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessBus>());
        if (!ServiceBusConnectionSetting.IsConfigured(configuration.GetSection(ServiceBusConnectionSetting.Name)))
        {
            services.AddSingleton<IChangePublisher, InProcessChangePublisher>();
        }

        services.AddSingleton<IScanRequestSender, ScanRequestSender>();

        services.TryAddSingleton<TableServiceClient>(_ => TableServiceConnection.Create(configuration));
        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.AddSingleton(sp => new SubscriberDelivery(
            sp.GetRequiredService<ISubscriberStore>(),
            sp.GetRequiredService<IOptions<SubscriberOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SubscriberDelivery>>()));

        // The admin API checks subscriber URLs with the same policy deliveries connect through.
        services.AddSingleton(sp => sp.GetRequiredService<SubscriberDelivery>().AddressPolicy);
        return services;
    }
}
