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
using Scanner.Application.Telemetry;
using Scanner.Application.Validation;
using Scanner.Registry.Distribution;
using Scanner.Registry.Http;
using Scanner.Registry.Scanning;

namespace Scanner.Registry.Extensions;

/// <summary>DI glue of the registry client: options from <c>Scanner</c>, one transport, the readers and the scanner.</summary>
public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Scanner:Registries</c>, <c>Scanner:PreferredPlatform</c>, 
    /// <c>Scanner:ScanTimeout</c> and <c>Scanner:RegistryHttp</c>, and registers <see cref="IRepositoryScanner"/>,
    /// <see cref="IImageInspector"/>, <see cref="RequestAccounting"/>, the app's one
    /// <see cref="ScannerTelemetry"/> (with <c>AddMetrics</c> for its <see cref="System.Diagnostics.Metrics.IMeterFactory"/>)
    /// and the one <see cref="RegistryTransport"/> that owns the HTTP handler (redirects followed by hand), tokens and host state.
    /// </summary>
    public static IServiceCollection AddScannerRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<RegistryOptions>()
            .Bind(configuration.GetSection(RegistryOptions.SectionName))
            .Validate(o => o.Registries.All(r => !string.IsNullOrWhiteSpace(r.Host)), "Scanner:Registries entries need a Host.")
            .Validate(o => IsPlatform(o.PreferredPlatform), "Scanner:PreferredPlatform must be os/arch[/variant], such as linux/amd64.")
            .Validate(o => o.ScanTimeout > TimeSpan.Zero, "Scanner:ScanTimeout must be a positive time span, such as 00:01:00.")
            .Validate(o => o.Registries.All(r => r.PullReserve >= 0), "Scanner:Registries entries need a PullReserve of 0 or more.")
            .Validate(
                o => o.Http.MaxConcurrencyPerHost >= 1 && o.Http.MaxAttempts >= 1 && o.Http.RequestTimeout > TimeSpan.Zero,
                "Scanner:RegistryHttp needs MaxConcurrencyPerHost and MaxAttempts of at least 1 and a positive RequestTimeout.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ScannerTelemetry>();
        services.TryAddSingleton(sp => new RegistryTransport(
            sp.GetRequiredService<IOptions<RegistryOptions>>().Value,
            sp.GetRequiredService<ScannerTelemetry>(),
            sp.GetService<ILogger<RegistryTransport>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<RegistryTransport>().Accounting);
        services.TryAddSingleton<TagListPager>();
        services.TryAddSingleton<ManifestReader>();
        services.TryAddSingleton<BlobReader>();
        services.TryAddSingleton(sp => new ImageReader(
            sp.GetRequiredService<ManifestReader>(),
            sp.GetRequiredService<BlobReader>(),
            ImageReader.ParsePreferred(sp.GetRequiredService<IOptions<RegistryOptions>>().Value.PreferredPlatform)));
        services.TryAddSingleton(sp => new RepositoryScanner(
            sp.GetRequiredService<TagListPager>(),
            sp.GetRequiredService<ManifestReader>(),
            sp.GetRequiredService<ImageReader>(),
            sp.GetRequiredService<RegistryTransport>().Accounting,
            sp.GetRequiredService<IOptions<RegistryOptions>>().Value.ScanTimeout,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RepositoryScanner>>()));
        services.TryAddSingleton<IRepositoryScanner>(sp => sp.GetRequiredService<RepositoryScanner>());
        services.TryAddSingleton<IImageInspector>(sp => new ImageInspector(sp.GetRequiredService<ImageReader>()));
        return services;
    }

    private static bool IsPlatform(string? text)
    {
        var parts = text?.Split('/') ?? [];
        return parts.Length is 2 or 3 && parts.All(p => p.Length > 0);
    }
}
