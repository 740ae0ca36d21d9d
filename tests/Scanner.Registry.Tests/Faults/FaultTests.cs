using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Faults;

/// <summary>Each fault a registry (or something between it and us) can throw at a scan ends in a bounded, explained outcome.</summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultTests(RegistryFixture registry)
{
    [Fact]
    public async Task Answer_429_with_Retry_After_pauses_the_host_then_the_scan_succeeds()
    {
        var repository = await SeedAsync("throttled");
        var times = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, number) =>
        {
            lock (times)
            {
                times.Add(clock.Elapsed);
            }

            if (number != 1)
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var (_, requests) = await harness.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        Assert.Equal(2, requests.TagsPage);
        Assert.True(times[1] - times[0] >= TimeSpan.FromMilliseconds(950), $"the next request came {(times[1] - times[0]).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Answer_429_pauses_requests_of_other_repositories_on_the_same_host()
    {
        var throttled = await SeedAsync("pausea", versions: 1);
        var other = await SeedAsync("pauseb", versions: 1);
        var clock = Stopwatch.StartNew();
        var throttledAt = TimeSpan.Zero;
        var otherFirstAt = TimeSpan.Zero;
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, number) =>
        {
            if (context.Request.Path.Value!.Contains(other.Path, StringComparison.Ordinal) && otherFirstAt == TimeSpan.Zero)
            {
                otherFirstAt = clock.Elapsed;
            }

            if (number != 1)
            {
                return false;
            }

            throttledAt = clock.Elapsed;
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var first = harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(throttled)));
        while (proxy.Requests.IsEmpty)
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        var second = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(other)));

        Assert.True((await first).Succeeded);
        Assert.True(second.Succeeded, second.Failure);
        Assert.True(otherFirstAt - throttledAt >= TimeSpan.FromMilliseconds(900), $"the other repository was read {(otherFirstAt - throttledAt).TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Cancelling_a_scan_stops_it_promptly_instead_of_reporting_a_failure()
    {
        var repository = await SeedAsync("cancelled", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)), cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Retry_After_longer_than_allowed_fails_at_once_as_throttled()
    {
        var repository = await SeedAsync("throttledlong");
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "3600";
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);
        var clock = Stopwatch.StartNew();

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Throttled:", "3600");
        Assert.Single(proxy.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Burst_of_503_is_retried_with_backoff_and_the_scan_succeeds()
    {
        var repository = await SeedAsync("burst");
        var heads = 0;
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            if (!FaultProxy.IsManifest(context, "HEAD") || Interlocked.Increment(ref heads) > 3)
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        Assert.Equal(2, result.Versions.Count);
        Assert.Equal(2 + 3, requests.ManifestHead);
    }

    [Fact]
    public async Task Endless_503_fails_as_unavailable_after_the_attempt_limit()
    {
        var repository = await SeedAsync("down");
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host, http: o => o.MaxAttempts = 4);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Unavailable:", "gave up after 4 attempts");
        Assert.Equal(4, harness.Counts.TagsPage);
    }

    [Fact]
    public async Task Response_slower_than_the_timeout_fails_as_timeout_within_the_attempt_budget()
    {
        var repository = await SeedAsync("slow");
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return true;
        });
        using var harness = new ScannerHarness(proxy.Host, http: o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxAttempts = 2;
        });
        var clock = Stopwatch.StartNew();

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Timeout:", "no complete answer within 0.3 s");
        Assert.Equal(2, harness.Counts.TagsPage);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Truncated_manifest_body_is_retried_then_fails_as_unavailable()
    {
        var repository = await SeedAsync("truncated", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsManifest(context, "GET"))
            {
                return false;
            }

            var upstream = await self.FetchAsync(context);
            context.Response.StatusCode = 200;
            context.Response.ContentType = upstream.Headers["Content-Type"];
            context.Response.ContentLength = upstream.Body.Length;
            await context.Response.Body.WriteAsync(upstream.Body.AsMemory(0, upstream.Body.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host, http: o => o.MaxAttempts = 2);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Unavailable:", "gave up after 2 attempts");
        Assert.Equal(2, harness.Counts.ManifestGet);
        Assert.Equal(0, harness.Counts.BlobGet);
    }

    [Fact]
    public async Task Config_blob_that_does_not_match_its_digest_fails_as_integrity()
    {
        var repository = await SeedAsync("tamperedblob", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsBlob(context))
            {
                return false;
            }

            var upstream = await self.FetchAsync(context);
            var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(upstream.Body).Replace("Scanner Tests", "Evil Corp Inc", StringComparison.Ordinal));
            await FaultProxy.WriteAsync(context, upstream with { Body = body });
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Integrity:", "does not match digest");
    }

    [Fact]
    public async Task Manifest_that_does_not_match_its_digest_fails_as_integrity()
    {
        var repository = await SeedAsync("tamperedmanifest", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsManifest(context, "GET"))
            {
                return false;
            }

            var upstream = await self.FetchAsync(context);
            await FaultProxy.WriteAsync(context, upstream with { Body = [.. upstream.Body, (byte)' '] });
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Integrity:", "does not match digest");
        Assert.Equal(0, harness.Counts.BlobGet);
    }

    [Fact]
    public async Task Manifest_over_the_cap_is_refused_while_streaming()
    {
        var repository = await SeedAsync("huge", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            if (!FaultProxy.IsManifest(context, "GET"))
            {
                return false;
            }

            // No Content-Length: the cap has to hold while the body streams in.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
            var chunk = new byte[64 * 1024];
            try
            {
                for (var sent = 0L; sent < 64L * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }

            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "TooLarge:", $"over the {BodyLimits.Manifest} byte cap");
        Assert.Equal(1, harness.Counts.ManifestGet);
    }

    [Fact]
    public async Task Link_to_another_origin_is_refused()
    {
        var repository = await SeedAsync("crossorigin");
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsTagList(context))
            {
                return false;
            }

            var upstream = await self.FetchAsync(context);
            var headers = new Dictionary<string, string>(upstream.Headers) { ["Link"] = $"<http://127.0.0.2:9/v2/{repository.Path}/tags/list?n=1000&last=x>; rel=\"next\"" };
            await FaultProxy.WriteAsync(context, upstream with { Headers = headers });
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Protocol:", "another origin");
        Assert.Single(proxy.Requests);
    }

    [Fact]
    public async Task Link_loop_is_detected()
    {
        var repository = await SeedAsync("loop");
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (self, context, _) =>
        {
            if (!FaultProxy.IsTagList(context))
            {
                return false;
            }

            // Page 1 links to page 2, which links back to page 1.
            var upstream = await self.FetchAsync(context);
            var back = context.Request.Query.ContainsKey("last") ? "" : "&last=1.0.0";
            var headers = new Dictionary<string, string>(upstream.Headers) { ["Link"] = $"</v2/{repository.Path}/tags/list?n=1000{back}>; rel=\"next\"" };
            await FaultProxy.WriteAsync(context, upstream with { Headers = headers });
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "Protocol:", "loops back");
        Assert.Equal(2, harness.Counts.TagsPage);
    }

    [Fact]
    public async Task Endless_tag_list_stops_at_the_tag_cap()
    {
        var repository = await SeedAsync("endless", versions: 1);
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, number) =>
        {
            if (!FaultProxy.IsTagList(context))
            {
                return false;
            }

            var tags = Enumerable.Range(0, 1000).Select(i => $"\"9.{number}.{i}\"");
            context.Response.ContentType = "application/json";
            context.Response.Headers.Link = $"</v2/{repository.Path}/tags/list?n=1000&last=9.{number}.999>; rel=\"next\"";
            await context.Response.WriteAsync($"{{\"name\":\"{repository.Path}\",\"tags\":[{string.Join(',', tags)}]}}");
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        AssertFailed(outcome, "LimitExceeded:", $"more than {BodyLimits.TagsPerRepository} tags");
        Assert.Equal(11, harness.Counts.TagsPage);
        Assert.Equal(0, harness.Counts.ManifestHead);
    }

    [Fact]
    public async Task Blob_redirect_to_another_origin_carries_no_credentials()
    {
        var repository = await SeedAsync("redirect", versions: 1);
        var cdnAuthorizations = new List<string>();
        await using var cdn = await FaultProxy.StartAsync(registry.Server.BaseUri, (_, context, _) =>
        {
            lock (cdnAuthorizations)
            {
                cdnAuthorizations.Add(context.Request.Headers.Authorization.ToString());
            }

            return Task.FromResult(false);
        });
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, async (_, context, _) =>
        {
            if (string.IsNullOrEmpty(context.Request.Headers.Authorization))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"test\"";
                return true;
            }

            if (!FaultProxy.IsBlob(context))
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"http://{cdn.Host}{context.Request.Path}";
            await context.Response.CompleteAsync();
            return true;
        });
        using var harness = new ScannerHarness(proxy.Host, withCredentials: true);

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        Assert.Single(result.Versions);
        Assert.Equal([string.Empty], cdnAuthorizations);
        Assert.Equal(2, requests.BlobGet);
    }

    [Fact]
    public async Task Tag_list_of_2500_tags_is_read_in_three_pages_following_Link()
    {
        var repository = registry.Seeder.NewRepository("paged");
        var image = await registry.Seeder.PushAsync(repository, "0.0.0", new SeedImage(ExtensionLabelSets.Valid()));
        await registry.Seeder.TagAsync(repository, image, Enumerable.Range(1, 2499).Select(i => i % 10 == 0 ? $"build-{i}" : $"3.{i / 100}.{i % 100}"));

        // distribution 2.8 returns every tag at once; the proxy pages as distribution 3 and Docker Hub do.
        await using var proxy = await FaultProxy.StartAsync(registry.Server.BaseUri, (self, context, _) => PageTagListAsync(self, context, repository));
        using var harness = new ScannerHarness(proxy.Host);

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(proxy.Through(repository)));

        Assert.Equal(3, requests.TagsPage);
        Assert.Equal(2500 - 249, result.Versions.Count);
        Assert.Equal(249, result.IgnoredTagCount);
        Assert.Equal(1, requests.ManifestGet);
    }

    private static async Task<bool> PageTagListAsync(FaultProxy self, HttpContext context, RepositoryName repository)
    {
        if (!FaultProxy.IsTagList(context))
        {
            return false;
        }

        var upstream = await self.FetchAsync(context);
        using var document = System.Text.Json.JsonDocument.Parse(upstream.Body);
        var all = document.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
        var n = int.Parse(context.Request.Query["n"].ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var last = context.Request.Query["last"].ToString();
        var page = all.Where(t => string.CompareOrdinal(t, last) > 0).Take(n).ToList();
        context.Response.ContentType = "application/json";
        if (page.Count == n && page[^1] != all[^1])
        {
            // Absolute on odd pages, relative on even ones: registries send both.
            var link = $"/v2/{repository.Path}/tags/list?n={n}&last={page[^1]}";
            context.Response.Headers.Link = (string.IsNullOrEmpty(last) ? $"http://{self.Host}" : "") + $"<{link}>; rel=\"next\"";
        }

        await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { name = repository.Path, tags = page }));
        return true;
    }

    private async Task<RepositoryName> SeedAsync(string prefix, int versions = 2)
    {
        var repository = registry.Seeder.NewRepository(prefix);
        for (var i = 0; i < versions; i++)
        {
            await registry.Seeder.PushAsync(repository, $"1.{i}.0", new SeedImage(ExtensionLabelSets.Valid(prefix, $"1.{i}.0")));
        }

        return repository;
    }

    private static void AssertFailed(RepositoryScanOutcome outcome, string kind, string mentions)
    {
        Assert.False(outcome.Succeeded, "the scan should have failed");
        Assert.Null(outcome.Result);
        Assert.StartsWith(kind, outcome.Failure, StringComparison.Ordinal);
        Assert.Contains(mentions, outcome.Failure, StringComparison.Ordinal);
    }
}
