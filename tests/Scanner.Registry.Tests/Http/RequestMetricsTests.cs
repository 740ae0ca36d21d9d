using System.Diagnostics.Metrics;
using Scanner.Core.Scanning;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Http;

[Collection(RegistryCollection.Name)]
public sealed class RequestMetricsTests(RegistryFixture registry)
{
    [Fact]
    public async Task Every_counted_request_is_also_published_as_a_metric_by_kind()
    {
        var repository = registry.Seeder.NewRepository("metrics");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Metrics")));
        var published = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RequestAccounting.MeterName && instrument.Name == "scanner.registry.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? kind = null;
            string? host = null;
            foreach (var tag in tags)
            {
                kind = tag.Key == "kind" ? tag.Value as string : kind;
                host = tag.Key == "host" ? tag.Value as string : host;
            }

            // Other collections' registries listen on other ports; this collection's tests run one at a time.
            if (host == registry.Server.Host && kind is not null)
            {
                lock (published)
                {
                    published[kind] = published.GetValueOrDefault(kind) + value;
                }
            }
        });
        listener.Start();
        using var harness = new ScannerHarness(registry.Server.Host);

        var (_, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        Assert.Equal(requests.TagsPage, published.GetValueOrDefault(nameof(RequestKind.TagsPage)));
        Assert.Equal(requests.ManifestHead, published.GetValueOrDefault(nameof(RequestKind.ManifestHead)));
        Assert.Equal(requests.ManifestGet, published.GetValueOrDefault(nameof(RequestKind.ManifestGet)));
        Assert.Equal(requests.BlobGet, published.GetValueOrDefault(nameof(RequestKind.BlobGet)));
    }
}
