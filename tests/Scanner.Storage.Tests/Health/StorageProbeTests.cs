using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Health;

[Collection(AzuriteCollection.Name)]
public class StorageProbeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_probe_is_one_point_read()
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var before = storage.Counter.Snapshot();

        await storage.Probe.ProbeAsync();

        var used = storage.Counter.Snapshot().Minus(before);
        Assert.Equal((1L, 1L), (used.PointReads, used.Total));
    }
}
