using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scanner.Application.Relay;
using Scanner.Messaging.Publishing;
using Scanner.Messaging.ServiceBus;

namespace Scanner.Messaging.Extensions;

public static class ServiceBusServiceCollectionExtensions
{
    /// <summary>
    /// With setting <c>ServiceBusConnection</c> (see <see cref="ServiceBusConnectionSetting"/>): one
    /// <see cref="ServiceBusClient"/> and one <see cref="ServiceBusSender"/> for topic <c>extension-changes</c>, registered
    /// through <c>AddAzureClients</c> (which reads the setting as the Functions host does and forwards the SDK's logs),
    /// retries from <see cref="ServiceBusOptions"/>, and the <see cref="ServiceBusChangePublisher"/> as an
    /// <see cref="IChangePublisher"/>. Without the setting it registers nothing: nothing goes to Service Bus. A setting
    /// that cannot be used throws here, naming it.
    /// </summary>
    public static IServiceCollection AddScannerServiceBus(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var connection = configuration.GetSection(ServiceBusConnectionSetting.Name);
        if (!ServiceBusConnectionSetting.IsConfigured(connection) ||
            services.Any(d => d.ServiceType == typeof(IChangePublisher) && d.ImplementationType == typeof(ServiceBusChangePublisher)))
        {
            return services;
        }

        ServiceBusConnectionSetting.Validate(connection);
        services.AddOptions<ServiceBusOptions>().Bind(configuration.GetSection(ServiceBusOptions.SectionName));
        services.AddAzureClients(clients =>
        {
            clients.AddServiceBusClient(connection)
                .ConfigureOptions((options, provider) => options.RetryOptions = provider.GetRequiredService<IOptions<ServiceBusOptions>>().Value.Retry);
            clients.AddClient<ServiceBusSender, ServiceBusClientOptions>((_, provider) =>
                provider.GetRequiredService<ServiceBusClient>().CreateSender(MessagingEntities.ExtensionChanges));
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChangePublisher, ServiceBusChangePublisher>());
        return services;
    }
}
