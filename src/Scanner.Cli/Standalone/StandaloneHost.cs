using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scanner.Cli.Configuration;
using Scanner.Functions.Hosting;
using Scanner.Functions.Http;

using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>
/// <c>scanner serve</c>: the functions of Scanner.Functions without the Functions host. HTTP functions on Kestrel,
/// timers on their schedules, queue triggers polling Azurite, all found from the functions' own attributes.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://localhost:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ScannerConfiguration.Apply(builder.Configuration, args);
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        configure?.Invoke(builder);

        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes;
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });

        var functions = FunctionDiscovery.Discover(typeof(Scanner.Functions.Program).Assembly);
        foreach (var function in functions)
        {
            StandaloneBindings.Check(function);
        }

        builder.Services.AddSingleton(new HostedFunctions(functions));
        builder.Services.AddScannerFunctions(builder.Configuration);
        builder.Services.AddScannerTelemetryExport(builder.Configuration)?
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation());
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        builder.Services.AddSingleton<FunctionKeys>();
        builder.Services.AddSingleton(sp => QueueHostOptions.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), sp.GetRequiredService<IConfiguration>()));
        foreach (var function in functions)
        {
            if (function.Timer is not null)
            {
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerFunctionRunner>(sp, function, sp));
            }
            else if (function.Queue is not null)
            {
                builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueFunctionPoller>(sp, function, sp));
            }
        }

        var app = builder.Build();
        app.UseRouting();
        app.MapHttpFunctions(functions);
        return app;
    }
}
