using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scanner.Application.Telemetry;
using Scanner.Cli.Tests.EndToEnd;
using Scanner.Cli.Tests.ServiceBus;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Labels;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Telemetry;

/// <summary>
/// One scan of the standalone server, seen through an in-memory OpenTelemetry pipeline the test adds to the host: its
/// spans nest as DESIGN section 11 says, and its metrics agree with what the registry and the feed saw.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class ScanTelemetryTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const string Scan = "scan";

    [Fact]
    public async Task One_scan_is_one_span_with_its_registry_commit_and_relay_children_and_its_metrics_match_the_registry_log_and_the_feed()
    {
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<MetricSnapshot>();

        // No exporter setting: TelemetryExport builds no pipeline, so this one is the host's only one. Delta
        // temporality and no timer: each flush holds what happened since the one before.
        await using var server = await ScannerTestServer.StartAsync(environment, configure: builder => builder.Services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(ScannerTelemetry.Name).AddInMemoryExporter(spans))
            .WithMetrics(m => m.AddMeter(ScannerTelemetry.Name).AddInMemoryExporter(metrics, reader =>
            {
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Delta;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Timeout.Infinite;
            })));
        var meterProvider = server.Service<MeterProvider>();
        var seeder = environment.Registry.Seeder;
        var repository = await StandaloneFlowTests.SeedExtensionAsync(seeder, "otel-one");

        // The first scan (requested by the allow-listing) is not the one measured.
        await ServiceBusScenario.AllowListAsync(server, repository);
        await server.WaitForIdleAsync();
        await Poll.UntilAsync(() => spans.Snapshot().Any(s => s.DisplayName == Scan), "the first scan's span to end");
        Assert.True(meterProvider.ForceFlush());
        spans.Clear();
        metrics.Clear();

        // New since: two valid versions and an invalid one.
        await seeder.PushAsync(repository, "3.0.0", new SeedImage(ExtensionLabelSets.Valid("Flow Extension", "3.0.0")));
        await seeder.PushAsync(repository, "3.1.0", new SeedImage(ExtensionLabelSets.Valid("Flow Extension", "3.1.0")));
        var invalid = ExtensionLabelSets.Valid("Flow Extension", "3.2.0");
        invalid.Remove(LabelNames.Vendor);
        await seeder.PushAsync(repository, "3.2.0", new SeedImage(invalid));
        var feedBefore = (await ServiceBusScenario.ReadFeedAsync(server)).Count;
        await environment.Registry.Server.AccessLog.WaitForQuietAsync();
        var mark = environment.Registry.Server.AccessLog.Count;

        await ServiceBusScenario.RequestScanAsync(server, repository);
        await server.WaitForIdleAsync();
        await Poll.UntilAsync(() => spans.Snapshot().Any(s => s.DisplayName == Scan), "the scan's span to end");
        Assert.True(meterProvider.ForceFlush());

        // Spans: one scan, and every other span of the scan's trace is its direct child.
        var all = spans.Snapshot();
        var scan = Assert.Single(all, s => s.DisplayName == Scan);
        Assert.Equal(repository.Value, scan.GetTagItem(ScannerTelemetry.RepositoryAttribute));
        Assert.Equal("scanned", scan.GetTagItem(ScannerTelemetry.OutcomeAttribute));
        var children = all.Where(s => s.TraceId == scan.TraceId && s != scan).ToList();
        Assert.All(children, c => Assert.Equal(scan.SpanId, c.ParentSpanId));
        var commit = Assert.Single(children, c => c.DisplayName == "commit");
        var relay = Assert.Single(children, c => c.DisplayName == "relay");
        var registrySpans = children.Where(c => c.DisplayName.StartsWith("registry ", StringComparison.Ordinal)).ToList();
        Assert.Equal(children.Count, registrySpans.Count + 2);
        Assert.All(registrySpans, r => Assert.Equal(ActivityKind.Client, r.Kind));
        Assert.All(registrySpans, r => Assert.Equal("registry " + r.GetTagItem(ScannerTelemetry.RequestKindAttribute), r.DisplayName));
        Assert.All(registrySpans, r => Assert.Equal(200, r.GetTagItem(ScannerTelemetry.StatusCodeAttribute)));
        Assert.All(registrySpans, r => Assert.Equal(
            r.GetTagItem(ScannerTelemetry.RequestKindAttribute) as string == "manifest_get", r.GetTagItem(ScannerTelemetry.PullCountedAttribute)));
        Assert.True(registrySpans.Max(r => r.StartTimeUtc) < commit.StartTimeUtc, "the registry is read before the commit");
        Assert.True(commit.StartTimeUtc + commit.Duration <= relay.StartTimeUtc, "the relay follows the commit");

        // Metrics of the scan, next to what the registry logged and what the feed holds.
        var snapshots = metrics.Snapshot();
        var durations = Points(snapshots, ScannerTelemetry.ScanDurationMetric).ToList();
        var measured = durations.Sum(p => p.GetHistogramCount());
        var requests = SumBy(snapshots, ScannerTelemetry.RegistryRequestsMetric, ScannerTelemetry.RequestKindAttribute);
        var feedCounts = SumBy(Points(snapshots, ScannerTelemetry.EventsPublishedMetric).Where(p => Tag(p, ScannerTelemetry.DestinationAttribute) == ScannerTelemetry.FeedDestination), ScannerTelemetry.TypeAttribute);
        var logged = (await environment.Registry.Server.AccessLog.ForRepositoryAsync(repository.Path, mark))
            .GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var events = (await ServiceBusScenario.ReadFeedAsync(server)).Skip(feedBefore)
            .GroupBy(e => e.Type).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

        output.WriteLine($"scan span {scan.SpanId}: {scan.Duration.TotalMilliseconds:0} ms, outcome {scan.GetTagItem(ScannerTelemetry.OutcomeAttribute)}; " +
                         $"children: {string.Join(", ", children.GroupBy(c => c.DisplayName).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))}");
        output.WriteLine($"{ScannerTelemetry.ScanDurationMetric}: {measured} measurement(s): " +
                         string.Join(", ", durations.Select(p => $"outcome={Tag(p, ScannerTelemetry.OutcomeAttribute)} count={p.GetHistogramCount()} sum={p.GetHistogramSum():0.000} s")));
        output.WriteLine($"{"kind",-14} {ScannerTelemetry.RegistryRequestsMetric,26} {"registry access log",20}");
        foreach (var kind in requests.Keys.Union(logged.Keys).Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{kind,-14} {requests.GetValueOrDefault(kind),26} {logged.GetValueOrDefault(kind),20}");
        }

        output.WriteLine($"{"type",-30} {ScannerTelemetry.EventsPublishedMetric + " (feed)",30} {"change feed",12}");
        foreach (var type in feedCounts.Keys.Union(events.Keys).Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{type,-30} {feedCounts.GetValueOrDefault(type),30} {events.GetValueOrDefault(type),12}");
        }

        var single = Assert.Single(durations);
        Assert.Equal(1, single.GetHistogramCount());
        Assert.Equal("scanned", Tag(single, ScannerTelemetry.OutcomeAttribute));
        Assert.Equal(logged.Where(l => l.Key != "other").OrderBy(l => l.Key, StringComparer.Ordinal), requests.OrderBy(r => r.Key, StringComparer.Ordinal));
        Assert.Equal(registrySpans.Count, requests.Values.Sum());
        Assert.Equal(new Dictionary<string, long> { ["extension.version.published"] = 2, ["extension.version.rejected"] = 1 }, events);
        Assert.Equal(events.OrderBy(e => e.Key, StringComparer.Ordinal), feedCounts.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal(3, commit.GetTagItem(ScannerTelemetry.EventsAttribute));
        Assert.Equal(3, relay.GetTagItem(ScannerTelemetry.EventsAttribute));
    }

    [Fact]
    public async Task Without_an_exporter_setting_no_pipeline_is_built()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        Assert.Null(server.Services.GetService<TracerProvider>());
        Assert.Null(server.Services.GetService<MeterProvider>());
    }

    internal static IEnumerable<MetricPoint> Points(IEnumerable<MetricSnapshot> snapshots, string name) =>
        snapshots.Where(s => s.Name == name).SelectMany(s => s.MetricPoints);

    /// <summary>A counter's points summed by the value of <paramref name="tag"/>.</summary>
    internal static Dictionary<string, long> SumBy(IEnumerable<MetricSnapshot> snapshots, string name, string tag) => SumBy(Points(snapshots, name), tag);

    internal static Dictionary<string, long> SumBy(IEnumerable<MetricPoint> points, string tag) =>
        points.GroupBy(p => Tag(p, tag) ?? "(none)").ToDictionary(g => g.Key, g => g.Sum(p => p.GetSumLong()), StringComparer.Ordinal);

    internal static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
