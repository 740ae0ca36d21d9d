using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Scanner.Core.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Registry.Tests.Faults;

/// <summary>A scan of one repository has an overall deadline (<c>Scanner:ScanTimeout</c>), whatever its requests' own timeouts.</summary>
[Collection(FaultsCollection.Name)]
public sealed class ScanDeadlineTests(RegistryFixture registry, ITestOutputHelper output)
{
    [Fact]
    public async Task Registry_that_sends_headers_then_goes_silent_fails_the_scan_at_its_deadline_with_the_request_it_was_reading()
    {
        var repository = registry.Seeder.NewRepository("silent");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Silent")));
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsManifest(context, "GET"))
            {
                return false;
            }

            var upstream = await self.FetchAsync(context);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = upstream.Headers["Content-Type"];
            context.Response.ContentLength = upstream.Body.Length;
            await context.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        });

        // Production's request timeout and attempts: without the deadline this scan would take 4 x 30 s.
        using var harness = new ScannerHarness(proxy.Host, scanTimeout: TimeSpan.FromSeconds(2), http: o =>
        {
            o.RequestTimeout = TimeSpan.FromSeconds(30);
            o.MaxAttempts = 4;
        });

        var clock = Stopwatch.StartNew();
        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository))).WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"{outcome.Kind} after {clock.Elapsed.TotalSeconds:0.0} s: {outcome.Failure}");

        Assert.True(outcome.Kind == RepositoryScanOutcomeKind.Failed, outcome.Failure);
        Assert.Null(outcome.Result);
        Assert.True(outcome.Failure!.StartsWith("Timeout: scan deadline of 2 s passed while reading GET ", StringComparison.Ordinal), outcome.Failure);
        Assert.Contains($"/v2/{repository.Path}/manifests/", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(1, outcome.Requests.ManifestGet);
    }

    [Fact]
    public async Task Caller_cancellation_within_the_deadline_still_throws_instead_of_failing_the_scan()
    {
        var repository = registry.Seeder.NewRepository("cancelwithin");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Cancel")));
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            stalled.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        });
        using var harness = new ScannerHarness(proxy.Host, scanTimeout: TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();

        var scan = harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)), cancel.Token);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
