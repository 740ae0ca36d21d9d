using System.Diagnostics;
using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scanner.Application.Telemetry;
using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Registry.Tests.Telemetry;

/// <summary>What an OpenTelemetry exporter listening to <c>Scanner</c> receives from one scan, checked against the registry's own log.</summary>
[Collection(RegistryCollection.Name)]
public sealed class RegistryTelemetryTests(RegistryFixture registry, ITestOutputHelper output)
{
    [Fact]
    public async Task One_scan_exports_a_child_span_per_registry_request_and_request_metrics_by_kind_that_match_the_access_log()
    {
        var repository = registry.Seeder.NewRepository("otel");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Otel", "1")));
        await registry.Seeder.PushAsync(repository, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Otel", "2")));
        await registry.Seeder.PushAsync(repository, "2.0.0", new SeedImage(ExtensionLabelSets.Valid("Otel", "3")) { Platforms = ["linux/amd64", "linux/arm64"] });
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ScannerTelemetry.Name).AddInMemoryExporter(spans).Build();
        // Exported once, at the flush below: the list then holds one snapshot per meter named Scanner (other tests' too).
        using var metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ScannerTelemetry.Name)
            .AddInMemoryExporter(metrics, reader => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = Timeout.Infinite)
            .Build();
        using var harness = new ScannerHarness(registry.Server.Host);
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        RepositoryScanOutcome outcome;
        ActivitySpanId parent;
        using (var scan = harness.Telemetry.ActivitySource.StartActivity("scan repository"))
        {
            Assert.NotNull(scan);
            parent = scan.SpanId;
            outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(repository));
        }

        tracing.ForceFlush();
        metering.ForceFlush();
        Assert.True(outcome.Succeeded, outcome.Failure);
        var log = await registry.Server.AccessLog.ForRepositoryAsync(repository.Path, mark);
        var logged = CountTable.Kinds.ToDictionary(k => k, k => (long)log.Count(e => e.Kind == k));
        var children = spans.Where(s => s.ParentSpanId == parent).ToList();
        var spanned = CountTable.Kinds.ToDictionary(k => k, k => (long)children.Count(s => Tag(s, ScannerTelemetry.RequestKindAttribute) == k));
        var measured = RequestsByKind(metrics, registry.Server.BaseUri.Port);
        var counted = CountTable.ByKind(outcome.Requests);
        output.WriteLine(CountTable.Format(("scanner.registry.requests", measured), ("child spans", spanned), ("outcome.Requests", counted), ("access log", logged)));

        Assert.Equal(logged, measured);
        Assert.Equal(logged, spanned);
        Assert.Equal(logged, counted);
        Assert.Equal(log.Count, children.Count);
        Assert.Equal(outcome.Requests.ManifestGet, outcome.Requests.Pulls);
        Assert.All(children, s =>
        {
            Assert.Equal(ActivityKind.Client, s.Kind);
            Assert.Equal(Tag(s, ScannerTelemetry.RequestKindAttribute) == "manifest_get", s.GetTagItem(ScannerTelemetry.PullCountedAttribute));
            Assert.Equal("127.0.0.1", Tag(s, ScannerTelemetry.ServerAddressAttribute));
            Assert.Equal(200, s.GetTagItem(ScannerTelemetry.StatusCodeAttribute));
        });
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name) as string;

    /// <summary>
    /// <c>scanner.registry.requests</c> summed by kind over every meter named Scanner, for the one registry listening on
    /// <paramref name="port"/> (tests of other collections talk to registries on other ports).
    /// </summary>
    private static Dictionary<string, long> RequestsByKind(List<MetricSnapshot> metrics, int port)
    {
        var sums = CountTable.Kinds.ToDictionary(k => k, _ => 0L);
        foreach (var point in metrics.Where(m => m.Name == ScannerTelemetry.RegistryRequestsMetric).SelectMany(m => m.MetricPoints))
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            if (Convert.ToInt32(tags[ScannerTelemetry.ServerPortAttribute], CultureInfo.InvariantCulture) == port)
            {
                var kind = (string)tags[ScannerTelemetry.RequestKindAttribute]!;
                sums[kind] = sums.GetValueOrDefault(kind) + point.GetSumLong();
            }
        }

        return sums;
    }
}
