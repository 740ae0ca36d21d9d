using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Functions.Api;
using Scanner.Functions.Configuration;
using Scanner.Functions.CustomHandler;
using Scanner.Functions.Functions;
using Scanner.Functions.Scanning;
using Scanner.Messaging.Extensions;
using Scanner.Registry.Extensions;
using Scanner.Storage.Extensions;

namespace Scanner.Functions.Hosting;

/// <summary>Builds the app for each mode; reads like a table of contents of what runs where.</summary>
public static class ScannerApp
{
    public const string DefaultUrl = "http://localhost:7071";
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    private const int MaxRequestBytes = JsonBody.MaxBytes;

    /// <summary>The HTTP server of <c>scanner serve</c>: standalone, or custom handler when the host started us.</summary>
    public static WebApplication BuildServer(string[] args, HostMode mode, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ConfigureSources(builder.Configuration, args);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        configure?.Invoke(builder);

        var url = mode == HostMode.CustomHandler
            ? $"http://127.0.0.1:{builder.Configuration[CustomHandlerPortVariable]}"
            : builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? DefaultUrl;
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });

        builder.Services.AddScannerServices(builder.Configuration, mode);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ScannerJsonContext.Default));
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHostedService<StartupInitializer>();
        builder.Services.AddHostedService<CatalogRefresher>();
        if (mode == HostMode.Standalone)
        {
            builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
            builder.Services.AddHostedService<TimerScheduler>();
            builder.Services.AddHostedService<StandaloneBusConsumers>();
        }

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRouting();
        if (mode == HostMode.Standalone)
        {
            app.UseMiddleware<ApiKeyMiddleware>();
        }

        var api = app.MapGroup("/api");
        api.MapClientApi().MapWebhookApi().MapAdminApi().MapSubscriberApi().MapHealthApi();
        app.MapOpenApi("/api/openapi/{documentName}.json").WithMetadata(FunctionCatalog.OpenApi);
        if (mode == HostMode.CustomHandler)
        {
            app.MapCustomHandlerProtocol();
        }

        return app;
    }

    /// <summary>The host of one-shot commands: same services and configuration, no HTTP, logs to stderr.</summary>
    public static IHost BuildCommandHost(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ConfigureSources(builder.Configuration, args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);
        builder.Services.AddScannerServices(builder.Configuration, HostMode.Command);
        return builder.Build();
    }

    public static IServiceCollection AddScannerServices(this IServiceCollection services, IConfiguration configuration, HostMode mode)
    {
        services.AddSingleton(new HostModeInfo(mode));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScannerStorage(configuration);
        services.AddScannerRegistry(configuration);
        services.AddScannerMessaging(configuration);
        services.AddSingleton<ScanCoordinator>();
        services.AddSingleton<ScanRequestDispatcher>();
        services.AddSingleton<AllowListSeeder>();
        services.AddSingleton<AdminChangeRelay>();
        services.AddSingleton<FunctionInvoker>();
        return services;
    }

    // Functions tooling order: local.settings.json Values, then environment variables, then the command line.
    private static void ConfigureSources(ConfigurationManager configuration, string[] args)
    {
        configuration.Sources.Clear();
        configuration.AddLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json"));
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
