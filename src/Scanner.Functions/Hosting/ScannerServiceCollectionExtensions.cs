using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scanner.Application.Extensions;
using Scanner.Functions.Http;
using Scanner.Functions.OpenApi;
using Scanner.Messaging.Extensions;
using Scanner.Registry.Extensions;
using Scanner.Storage.Extensions;

namespace Scanner.Functions.Hosting;

public static class ScannerServiceCollectionExtensions
{
    /// <summary>
    /// Everything the functions need, in either host: the use cases, the adapters, JSON, the OpenAPI document. The
    /// hosted services (start-up seeding, background refresh) only where functions are served.
    /// </summary>
    public static IServiceCollection AddScannerFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScannerCore(configuration);

        // ASP.NET Core logs every request's URL with its query string at Information, and a Docker Hub webhook can carry
        // the function key only there (?code=): requests are logged by the routing and the server spans instead.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        services.AddHostedService<StartupInitializer>();
        services.AddHostedService<BackgroundRefresher>();
        return services;
    }

    /// <summary>The use cases and adapters without hosted services: what one-shot commands (<c>scanner scan</c>) need.</summary>
    public static IServiceCollection AddScannerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScannerApplication(configuration);
        services.AddScannerStorage(configuration);
        services.AddScannerRegistry(configuration);
        services.AddScannerMessaging(configuration);
        services.Configure<JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ScannerJsonContext.Default));
        services.AddSingleton<OpenApiDocument>();
        return services;
    }
}
