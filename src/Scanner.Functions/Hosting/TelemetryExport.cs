using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scanner.Application.Telemetry;

namespace Scanner.Functions.Hosting;

/// <summary>
/// Where traces, metrics and logs go (DESIGN.md section 11): Application Insights when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is (with the
/// standard <c>OTEL_*</c> settings: protocol, headers, service name, metric export interval); neither, and no
/// OpenTelemetry pipeline is built at all, so nothing is collected and nothing costs.
/// </summary>
public static class TelemetryExport
{
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ApplicationInsightsAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "extension-update-scanner";

    /// <summary>True when either exporter is configured.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[ApplicationInsightsSetting]) || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
    }

    /// <summary>
    /// Adds the pipeline, or nothing when no exporter is configured (then null). The caller adds its host's own
    /// instrumentation: the Functions worker's invocation spans in Azure, ASP.NET Core's server spans standalone.
    /// </summary>
    public static OpenTelemetryBuilder? AddScannerTelemetryExport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsConfigured(configuration))
        {
            return null;
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var appInsights = configuration[ApplicationInsightsSetting];
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ScannerTelemetry.Name).AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ScannerTelemetry.Name).AddHttpClientInstrumentation();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithLogging(logging =>
            {
                if (otlp)
                {
                    logging.AddOtlpExporter();
                }
            });
        if (!string.IsNullOrWhiteSpace(appInsights))
        {
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = appInsights;

                // The template's component refuses key-based ingestion: authenticate as the app's managed identity.
                if (configuration[ApplicationInsightsAuthenticationSetting]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true)
                {
                    options.Credential = ManagedIdentity(configuration);
                }
            });
        }

        return builder;
    }

    private static ManagedIdentityCredential ManagedIdentity(IConfiguration configuration) =>
        configuration[ApplicationInsightsAuthenticationSetting] is { } text &&
        text.Split(';').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase)) is { } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId[1].Trim()))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
}
