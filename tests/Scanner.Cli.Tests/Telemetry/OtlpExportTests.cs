using Scanner.Application.Telemetry;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.ServiceBus;
using Scanner.Cli.Tests.Support;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Telemetry;

/// <summary>
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and the other standard <c>OTEL_*</c> settings, given as the server's
/// configuration (command line here), send a scan's traces, metrics and logs to an OTLP/HTTP collector.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class OtlpExportTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task A_scan_reaches_an_otlp_http_collector_as_spans_metrics_and_logs_of_the_named_service()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var serviceName = "scanner-otlp-" + Guid.NewGuid().ToString("N")[..8];
        await using var server = await ScannerTestServer.StartAsync(environment, OtlpSettings(collector, serviceName));
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "otlp");

        await ServiceBusScenario.AllowListAsync(server, repository);
        await server.WaitForIdleAsync();

        string[] spanNames = ["scan", "commit", "relay", "registry tags", "registry manifest_head", "registry manifest_get", "registry blob_get"];
        string[] metricNames = [ScannerTelemetry.ScanDurationMetric, ScannerTelemetry.RegistryRequestsMetric, ScannerTelemetry.EventsPublishedMetric];
        // Names are matched as text in the exports, and "scan" is also in the service name of every export: the wait
        // holds out for the scan span's own attribute too, which the root span, ending last, carries.
        await Poll.UntilAsync(
            () => spanNames.All(n => collector.Holds(OtlpReceiver.Traces, n)) && metricNames.All(n => collector.Holds(OtlpReceiver.Metrics, n))
                  && collector.Holds(OtlpReceiver.Traces, ScannerTelemetry.RepositoryAttribute),
            "the scan's spans and metrics to reach the collector");
        await Poll.UntilAsync(() => collector.Holds(OtlpReceiver.Logs, repository.Value), "a log record of the scan to reach the collector");

        foreach (var group in collector.Exports.GroupBy(e => e.Path).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count()} requests, {group.Sum(e => e.Body.Length)} bytes, content types {string.Join(", ", group.Select(e => e.ContentType).Distinct())}");
        }

        Assert.All(collector.Exports, e => Assert.Equal("application/x-protobuf", e.ContentType));
        foreach (var path in new[] { OtlpReceiver.Traces, OtlpReceiver.Metrics, OtlpReceiver.Logs })
        {
            Assert.True(collector.Holds(path, serviceName), $"{path} names the service {serviceName}");
        }

        Assert.True(collector.Holds(OtlpReceiver.Traces, repository.Value), "the scan span carries the repository");
        Assert.True(collector.Holds(OtlpReceiver.Traces, ScannerTelemetry.RepositoryAttribute));
        Assert.True(collector.Holds(OtlpReceiver.Traces, ScannerTelemetry.PullCountedAttribute));
        Assert.True(collector.Holds(OtlpReceiver.Metrics, ScannerTelemetry.RequestKindAttribute));
    }

    /// <summary>What an operator sets to export to an OTLP/HTTP collector; the intervals short enough for a test.</summary>
    internal static Dictionary<string, string> OtlpSettings(OtlpReceiver collector, string serviceName) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
        ["OTEL_SERVICE_NAME"] = serviceName,
    };
}
