using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Scanner.Cli.Configuration;
using Scanner.Functions.Hosting;

namespace Scanner.Cli.Commands;

/// <summary>The host of one-shot commands: the same use cases and configuration as serve, no functions, logs to stderr.</summary>
public static class CommandHost
{
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ScannerConfiguration.Apply(builder.Configuration, args);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);
        builder.Services.AddScannerCore(builder.Configuration);
        return builder.Build();
    }
}
