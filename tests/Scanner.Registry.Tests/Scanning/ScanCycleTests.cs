using System.Diagnostics;
using Scanner.Core.Scanning;
using Scanner.Registry.Scanning;
using Scanner.Registry.Tests.Faults;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Scanning;

[Collection(RegistryCollection.Name)]
public sealed class ScanCycleTests(RegistryFixture registry)
{
    [Fact]
    public async Task A_failing_repository_fails_alone_and_the_others_complete()
    {
        var good = new List<Core.Repositories.RepositoryName>();
        for (var i = 0; i < 3; i++)
        {
            var repository = registry.Seeder.NewRepository("cycle");
            await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Cycle", $"{i}")));
            good.Add(repository);
        }

        var missing = registry.Seeder.NewRepository("cyclemissing");
        using var harness = new ScannerHarness(registry.Server.Host);
        var cycle = new ScanCycle(harness.Scanner);

        var outcomes = new List<RepositoryScanOutcome>();
        await foreach (var outcome in cycle.ScanAsync(good.Append(missing).Select(StoredRepository.Empty)))
        {
            outcomes.Add(outcome);
        }

        Assert.Equal(4, outcomes.Count);
        Assert.All(outcomes.Where(o => o.Repository != missing), o => Assert.True(o.Succeeded, o.Failure));
        Assert.StartsWith("NotFound:", outcomes.Single(o => o.Repository == missing).Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outcomes_stream_as_repositories_finish_and_concurrency_stays_bounded()
    {
        var repositories = new List<Core.Repositories.RepositoryName>();
        for (var i = 0; i < 6; i++)
        {
            var repository = registry.Seeder.NewRepository("stream");
            await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Stream", $"{i}")));
            repositories.Add(repository);
        }

        var slowPath = repositories[0].Path;
        var inFlight = 0;
        var maxInFlight = 0;
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            if (!FaultProxy.IsTagList(context))
            {
                return false;
            }

            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                var slow = context.Request.Path.Value!.Contains(slowPath, StringComparison.Ordinal);
                await Task.Delay(slow ? 3000 : 200);
                return false;
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        using var harness = new ScannerHarness(proxy.Host);
        var cycle = new ScanCycle(harness.Scanner, concurrency: 2);
        var clock = Stopwatch.StartNew();

        var arrivals = new List<(Core.Repositories.RepositoryName Repository, TimeSpan At)>();
        await foreach (var outcome in cycle.ScanAsync(repositories.Select(r => StoredRepository.Empty(proxy.Through(r)))))
        {
            Assert.True(outcome.Succeeded, outcome.Failure);
            arrivals.Add((outcome.Repository, clock.Elapsed));
        }

        Assert.Equal(6, arrivals.Count);
        Assert.Equal(proxy.Through(repositories[0]), arrivals[^1].Repository);
        Assert.True(arrivals[0].At < TimeSpan.FromSeconds(2), $"first outcome after {arrivals[0].At}");
        Assert.Equal(2, maxInFlight);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
