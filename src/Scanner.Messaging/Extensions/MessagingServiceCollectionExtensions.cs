using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Messaging.InProcess;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.ServiceBus;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Messaging.Extensions;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the messaging layer. With <c>ServiceBusConnection</c> (connection string) or
    /// <c>ServiceBusConnection__fullyQualifiedNamespace</c> set, messages go to Service Bus through
    /// <see cref="ServiceBusRestClient"/>; otherwise to the <see cref="InProcessBus"/> (also a hosted service, which runs
    /// its consumers). The change publisher and scan request sender are added unconditionally so they replace any
    /// fallback registered before; the subscriber store is Scanner.Storage's.
    /// </summary>
    public static IServiceCollection AddScannerMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.SectionName));
        services.AddOptions<InProcessBusOptions>().Bind(configuration.GetSection(InProcessBusOptions.SectionName));
        services.AddOptions<SubscriberOptions>().Bind(configuration.GetSection(SubscriberOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        var connection = ServiceBusConnectionInfo.FromConfiguration(configuration);
        if (connection is not null)
        {
            services.AddSingleton(connection);
            services.AddSingleton(sp => ServiceBusRestClient.Create(
                connection,
                sp.GetRequiredService<IOptions<ServiceBusOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<ServiceBusRestClient>>()));
            services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<ServiceBusRestClient>());
        }
        else
        {
            services.AddSingleton(sp => new InProcessBus(
                sp.GetRequiredService<IOptions<InProcessBusOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<InProcessBus>>()).DeclareScannerEntities());
            services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<InProcessBus>());
            services.AddHostedService(sp => sp.GetRequiredService<InProcessBus>());
        }

        services.AddSingleton<IChangePublisher, ServiceBusChangePublisher>();
        services.AddSingleton<IScanRequestSender, ScanRequestSender>();

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
