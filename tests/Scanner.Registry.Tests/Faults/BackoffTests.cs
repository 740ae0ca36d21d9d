using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Faults;

/// <summary>The per-host backoff: every request to a failing host waits longer, and a recovering host is soon at full speed.</summary>
[Collection(FaultsCollection.Name)]
public sealed class BackoffTests(RegistryFixture registry)
{
    [Fact]
    public async Task Host_backoff_doubles_on_each_5xx_and_429_and_halves_on_each_success()
    {
        var repository = registry.Seeder.NewRepository("backoff");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Backoff")));
        ScannerHarness? harness = null;
        var seen = new List<(string Request, TimeSpan Backoff, TimeSpan At)>();
        var clock = Stopwatch.StartNew();
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, number) =>
        {
            // The backoff in force when the request arrived: the one the client waited out before sending it.
            seen.Add(($"{context.Request.Method} {context.Request.Path}", harness!.Transport.BackoffOf(FaultProxyHost(context)), clock.Elapsed));
            if (number > 3)
            {
                return false;
            }

            context.Response.StatusCode = number == 3 ? StatusCodes.Status429TooManyRequests : StatusCodes.Status503ServiceUnavailable;
            await context.Response.CompleteAsync();
            return true;
        });
        harness = new ScannerHarness(proxy.Host, http: o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(40);
            o.RetryMaxDelay = TimeSpan.FromSeconds(1);
            o.MaxAttempts = 4;
        });
        using var owned = harness;

        var (result, _) = await harness.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        Assert.Single(result.Versions);
        // tags: 503, 503, 429, 200; then HEAD, manifest GET and blob GET succeed one after another.
        Assert.Equal(
            new[] { 0, 40, 80, 160, 80, 40, 0 }.Select(ms => TimeSpan.FromMilliseconds(ms)),
            seen.Select(s => s.Backoff));
        Assert.Equal(TimeSpan.Zero, harness.Transport.BackoffOf(proxy.Host));
        for (var i = 1; i < seen.Count; i++)
        {
            // With jitter a request waits between half and all of the backoff.
            Assert.True(seen[i].At - seen[i - 1].At >= seen[i].Backoff / 2, $"{seen[i].Request} came {(seen[i].At - seen[i - 1].At).TotalMilliseconds} ms after the previous request, under half of {seen[i].Backoff.TotalMilliseconds} ms");
        }
    }

    private static string FaultProxyHost(HttpContext context) => context.Request.Host.Value!;
}
