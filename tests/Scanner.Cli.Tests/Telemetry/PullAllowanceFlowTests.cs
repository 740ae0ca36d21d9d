using System.Net;
using System.Text.Json;
using Scanner.Cli.Tests.ServiceBus;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Repositories;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Telemetry;

/// <summary>
/// Docker Hub's pull allowance through the whole server: a proxy in front of the registry plays
/// <c>ratelimit-limit: 13;w=6</c> and a <c>ratelimit-remaining</c> that each manifest GET counts down, back to 13 when the
/// 6 s window has passed. With the reserve at 10, three pulls are spent and no more; the repositories left are
/// throttled with a retry time, re-enqueued for it, and scanned then.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class PullAllowanceFlowTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    private const int Limit = 13;
    private const int Reserve = 10;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task At_the_reserve_no_manifest_GET_reaches_the_registry_and_the_repositories_left_are_throttled_then_scanned_once_the_window_passed()
    {
        var seeder = environment.Registry.Seeder;
        var local = new List<RepositoryName>();
        for (var i = 0; i < 5; i++)
        {
            var repository = seeder.NewRepository("allowance");
            await seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Allowance", $"{i}")));
            local.Add(repository);
        }

        // Held until all five scans have asked for their tag lists, so their first rounds run together, well inside one
        // window however slowly the queue hands the scans out.
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heldTagLists = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var allowance = new CountdownAllowance(Limit, Window, TimeProvider.System);
        await using var proxy = await FaultProxy.StartAsync(environment.Registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!open.Task.IsCompleted && context.Request.Path.Value?.EndsWith("/tags/list", StringComparison.Ordinal) == true)
            {
                heldTagLists.TryAdd(context.Request.Path.Value, true);
            }

            await open.Task.WaitAsync(context.RequestAborted);
            return await allowance.ForwardAsync(self, context);
        });
        await using var server = await ScannerTestServer.StartAsync(environment, new Dictionary<string, string>
        {
            ["Scanner:Registries:0:Host"] = proxy.Host,
            ["Scanner:Registries:0:Insecure"] = "true",
            ["Scanner:Registries:0:PullReserve"] = Reserve.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "8",
            ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "8",
        });
        var repositories = local.Select(proxy.Through).ToList();
        await environment.Registry.Server.AccessLog.WaitForQuietAsync();
        var mark = environment.Registry.Server.AccessLog.Count;
        foreach (var repository in repositories)
        {
            await ServiceBusScenario.AllowListAsync(server, repository);
        }

        await Poll.UntilAsync(() => heldTagLists.Count == repositories.Count, "every first scan waiting on its tag list");
        open.SetResult();

        // The first round: three scanned, two throttled until the window ends. Each is noted when first seen, in case
        // the retry comes before the next look.
        var throttled = new Dictionary<RepositoryName, DateTimeOffset>();
        var firstRound = new Dictionary<RepositoryName, string?>();
        await Poll.UntilAsync(async () =>
        {
            foreach (var repository in repositories)
            {
                var (outcome, retryAt) = await ScanOfAsync(server, repository);
                firstRound[repository] = outcome;
                if (outcome == "throttled")
                {
                    Assert.NotNull(retryAt);
                    throttled.TryAdd(repository, retryAt.Value);
                }
            }

            return repositories.All(r => firstRound[r] is "succeeded" or "throttled");
        }, "a first scan of every repository", TimeSpan.FromSeconds(60));
        Assert.Equal(Limit - Reserve, repositories.Count - throttled.Count);
        Assert.All(repositories.Except(throttled.Keys), r => Assert.Equal("succeeded", firstRound[r]));

        // After the window the retries scan them.
        await Poll.UntilAsync(
            async () => (await Task.WhenAll(repositories.Select(r => ScanOfAsync(server, r)))).All(s => s.Outcome == "succeeded"),
            "every repository scanned after the window", TimeSpan.FromSeconds(60));
        await server.WaitForIdleAsync();

        var answers = allowance.Answers;
        var pulls = answers.Where(a => a.Pull).ToList();
        var firstWindow = answers[0];
        var log = new Dictionary<RepositoryName, IReadOnlyList<AccessLogEntry>>();
        foreach (var (repository, path) in repositories.Zip(local, (r, l) => (r, l.Path)))
        {
            log[repository] = await environment.Registry.Server.AccessLog.ForRepositoryAsync(path, mark);
        }

        output.WriteLine($"allowance {Limit};w={Window.TotalSeconds:0}, reserve {Reserve}; window 1 began {firstWindow.At:HH:mm:ss.fff}");
        output.WriteLine("repository | first round                          | access log tags/head/get/blob");
        for (var i = 0; i < repositories.Count; i++)
        {
            var repository = repositories[i];
            var round = throttled.TryGetValue(repository, out var retryAt) ? $"throttled, retryAt {retryAt:HH:mm:ss.fff}" : firstRound[repository];
            output.WriteLine($"{i + 1,10} | {round,-36} | {Count(log[repository], "tags")}/{Count(log[repository], "manifest_head")}/{Count(log[repository], "manifest_get")}/{Count(log[repository], "blob_get")}");
        }

        output.WriteLine("manifest GETs through the proxy (pulls):");
        foreach (var pull in pulls)
        {
            output.WriteLine($"  {pull.At:HH:mm:ss.fff} window {pull.Window}: {pull.Request} -> ratelimit-remaining {pull.Remaining}");
        }

        output.WriteLine($"requests through the proxy: {answers.Count} ({string.Join(", ", answers.GroupBy(a => a.Window).Select(g => $"window {g.Key}: {g.Count()}"))})");

        // At the reserve no pull-counted request left the server: three in the first window, never below 10 remaining.
        Assert.Equal(Limit - Reserve, pulls.Count(p => p.Window == firstWindow.Window));
        Assert.All(pulls, p => Assert.True(p.Remaining >= Reserve, $"a pull was spent below the reserve: {p}"));

        // Each image was read once: one manifest GET per repository in the registry's own log.
        Assert.All(repositories, r => Assert.Equal(1, Count(log[r], "manifest_get")));
        foreach (var (repository, retryAt) in throttled)
        {
            Assert.True(retryAt >= firstWindow.At + Window, $"{repository} retries at {retryAt:O}, after the window that began {firstWindow.At:O}");
            var pull = Assert.Single(pulls, p => p.Request.Contains(repository.Path + "/manifests/", StringComparison.Ordinal));
            Assert.True(pull.At >= retryAt, $"{repository} was read at {pull.At:O}, not before its retry time {retryAt:O}");
            Assert.True(pull.Window > firstWindow.Window);

            // One retry, not before its time: the first round's tag list and HEAD, and the retry's.
            Assert.Equal((2L, 2L), (Count(log[repository], "tags"), Count(log[repository], "manifest_head")));
        }

        // Every version announced once.
        var feed = await ServiceBusScenario.ReadFeedAsync(server);
        Assert.Equal(feed.Count, feed.Select(e => e.Id).Distinct().Count());
        var published = feed.Where(e => e.Type == ServiceBusScenario.Published).ToList();
        Assert.Equal(5, published.Count);
        Assert.Equal(5, published.Select(e => e.Source).Distinct().Count());
    }

    private static long Count(IEnumerable<AccessLogEntry> entries, string kind) => entries.Count(e => e.Kind == kind);

    private static async Task<(string? Outcome, DateTimeOffset? RetryAt)> ScanOfAsync(ScannerTestServer server, RepositoryName repository)
    {
        using var response = await server.Client.GetAsync($"api/v1/extensions/{repository.Value}");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (null, null);
        }

        using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!detail.RootElement.TryGetProperty("scan", out var scan) || scan.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var outcome = scan.TryGetProperty("outcome", out var o) ? o.GetString() : null;
        DateTimeOffset? retryAt = scan.TryGetProperty("retryAt", out var r) && r.ValueKind == JsonValueKind.String ? r.GetDateTimeOffset() : null;
        return (outcome, retryAt);
    }
}
