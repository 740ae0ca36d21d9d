using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Scanner.Application.Telemetry;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Registry.Tests.Faults;

/// <summary>Docker Hub's pull allowance: scans leave the reserve alone and say when they can go on.</summary>
[Collection(FaultsCollection.Name)]
public sealed class PullAllowanceTests(RegistryFixture registry, ITestOutputHelper output)
{
    private const int Limit = 13;

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(21600);

    [Fact]
    public async Task At_the_reserve_no_manifest_GET_reaches_the_registry_and_the_repositories_left_are_throttled_until_the_window_ends()
    {
        var repositories = new List<RepositoryName>();
        for (var i = 0; i < 5; i++)
        {
            var repository = registry.Seeder.NewRepository("allowance");
            await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Allowance", $"{i}")));
            repositories.Add(repository);
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var allowance = new CountdownAllowance(Limit, Window, clock);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, (self, context, _) => allowance.ForwardAsync(self, context));
        using var harness = new ScannerHarness(proxy.Host, time: clock);
        var gauge = new List<long>();
        using var listener = ListenToAllowanceGauge(harness.Telemetry, gauge);
        var windowEnd = clock.GetUtcNow() + Window;
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var first = new List<RepositoryScanOutcome>();
        foreach (var repository in repositories)
        {
            first.Add(await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository))));
        }

        var firstLog = await LogByRepositoryAsync(repositories, mark);
        Print("first round: allowance 13, reserve 10", 1, repositories, first, firstLog);

        // 13 - 10 = 3 pulls to spend: the first three repositories, one image each.
        Assert.All(first.Take(3), o => Assert.True(o.Succeeded, o.Failure));
        Assert.Equal(3, firstLog.Sum(l => l.Value["manifest_get"]));
        foreach (var throttled in first.Skip(3))
        {
            Assert.True(throttled.IsThrottled, throttled.Failure);
            Assert.Equal(RepositoryScanOutcomeKind.Throttled, throttled.Kind);
            Assert.Null(throttled.Result);
            Assert.Equal(windowEnd, throttled.RetryAt);
            Assert.Contains("reserve 10", throttled.Failure, StringComparison.Ordinal);
            Assert.Equal(new RegistryRequestCounts(0, TagsPage: 1, ManifestHead: 1, ManifestGet: 0, BlobGet: 0, Pulls: 0, throttled.Requests.Bytes), throttled.Requests);
        }

        // Tag lists and HEADs went on for the throttled repositories; only their manifest GETs were held back.
        Assert.All(repositories.Skip(3), r => Assert.Equal((1L, 1L, 0L), (firstLog[r.Path]["tags"], firstLog[r.Path]["manifest_head"], firstLog[r.Path]["manifest_get"])));
        Assert.Equal(10, harness.Transport.PullAllowanceOf(proxy.Host));
        Assert.Equal(10, gauge[^1]);

        clock.Advance(Window);
        await registry.Server.AccessLog.WaitForQuietAsync();
        var secondMark = registry.Server.AccessLog.Count;
        var second = new List<RepositoryScanOutcome>();
        foreach (var repository in repositories.Skip(3))
        {
            second.Add(await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository))));
        }

        var secondLog = await LogByRepositoryAsync(repositories.Skip(3).ToList(), secondMark);
        Print("after the window", 4, repositories.Skip(3).ToList(), second, secondLog);
        Assert.All(second, o => Assert.True(o.Succeeded, o.Failure));
        Assert.Equal(2, secondLog.Sum(l => l.Value["manifest_get"]));
        Assert.Equal(Limit - 2, harness.Transport.PullAllowanceOf(proxy.Host));
    }

    private static MeterListener ListenToAllowanceGauge(ScannerTelemetry telemetry, List<long> values)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, telemetry.Meter) && instrument.Name == ScannerTelemetry.PullAllowanceRemainingMetric)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (values)
            {
                values.Add(value);
            }
        });
        listener.Start();
        return listener;
    }

    private async Task<Dictionary<string, Dictionary<string, long>>> LogByRepositoryAsync(IReadOnlyList<RepositoryName> repositories, int mark)
    {
        var result = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var repository in repositories)
        {
            var entries = await registry.Server.AccessLog.ForRepositoryAsync(repository.Path, mark);
            result[repository.Path] = CountTable.Kinds.ToDictionary(k => k, k => (long)entries.Count(e => e.Kind == k));
        }

        return result;
    }

    private void Print(string title, int firstNumber, List<RepositoryName> repositories, List<RepositoryScanOutcome> outcomes, Dictionary<string, Dictionary<string, long>> log)
    {
        output.WriteLine($"== {title}");
        output.WriteLine("repository | outcome                          | pulls | outcome.Requests tags/head/get/blob | access log tags/head/get/blob");
        for (var i = 0; i < repositories.Count; i++)
        {
            var outcome = outcomes[i];
            var requests = outcome.Requests;
            var logged = log[repositories[i].Path];
            var kind = outcome.IsThrottled ? $"Throttled until {outcome.RetryAt:yyyy-MM-dd HH:mm}" : outcome.Kind.ToString();
            output.WriteLine(
                $"{firstNumber + i,10} | {kind,-32} | {requests.Pulls,5} | {$"{requests.TagsPage}/{requests.ManifestHead}/{requests.ManifestGet}/{requests.BlobGet}",35} | " +
                $"{logged["tags"]}/{logged["manifest_head"]}/{logged["manifest_get"]}/{logged["blob_get"]}");
        }
    }
}
