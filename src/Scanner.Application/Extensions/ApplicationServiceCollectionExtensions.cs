using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Health;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Application.Telemetry;
using Scanner.Application.Updates;
using Scanner.Application.Webhooks;

namespace Scanner.Application.Extensions;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Registers every use case; the adapters (Storage, Registry, Messaging) register the ports.</summary>
    public static IServiceCollection AddScannerApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ScanOptions>().Bind(configuration.GetSection(ScanOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScannerTelemetry>();
        services.AddSingleton<ScanWorkerIdentity>();
        services.AddSingleton<ScanStatusBoard>();
        services.AddSingleton<ScanRequester>();
        services.AddSingleton<ScanRepository>();
        services.AddSingleton<ScheduleScans>();
        services.AddSingleton<TriggerScan>();
        services.AddSingleton<ScanAll>();
        services.AddSingleton<RelayOutbox>();
        services.AddSingleton<NotifySubscribers>();
        services.AddSingleton<ManageSubscribers>();
        services.AddSingleton<ManageAllowList>();
        services.AddSingleton<ManageBlocks>();
        services.AddSingleton<SeedAllowList>();
        services.AddSingleton<HandleDockerHubPush>();
        services.AddSingleton<CatalogView>();
        services.AddSingleton<CheckUpdates>();
        services.AddSingleton<ReadChanges>();
        services.AddSingleton<HealthMonitor>();
        return services;
    }
}
