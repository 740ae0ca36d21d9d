using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Messaging.Extensions;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the messaging layer: the Service Bus publisher when <c>ServiceBusConnection</c> is set
    /// (<see cref="ServiceBusServiceCollectionExtensions.AddScannerServiceBus"/>; without it nothing is published to
    /// Service Bus and the feed and webhooks still work), and the signed subscriber delivery with its URL policy.
    /// </summary>
    public static IServiceCollection AddScannerMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SubscriberOptions>().Bind(configuration.GetSection(SubscriberOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScannerServiceBus(configuration);
        services.AddSingleton(sp => new SubscriberDelivery(
            sp.GetRequiredService<IOptions<SubscriberOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SubscriberDelivery>>()));
        services.AddSingleton<ISubscriberNotifier>(sp => sp.GetRequiredService<SubscriberDelivery>());

        // The admin API checks subscriber URLs with the same policy deliveries connect through.
        services.AddSingleton<ISubscriberUrlPolicy>(sp => sp.GetRequiredService<SubscriberDelivery>().AddressPolicy);
        return services;
    }
}
