using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Cli.Tests.EndToEnd;

/// <summary>
/// The whole standalone flow against real Azurite and a real registry: seed images, allow-list through the admin API,
/// scan, then read what a desktop client reads.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class StandaloneFlowTests(ScannerEnvironment environment) : IAsyncLifetime
{
    private ScannerTestServer _server = null!;
    private RepositoryName _repository = null!;

    public async Task InitializeAsync()
    {
        _server = await ScannerTestServer.StartAsync(environment);
        _repository = await SeedExtensionAsync(environment.Registry.Seeder, "flow");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// 1.0.0 (>= 0.2.3), 1.1.0 (>= 0.3.0), 2.0.0 (>= 0.4.0, multi-arch), 2.1.0-beta.1 (>= 0.3.0), 1.2.0 invalid, and a
    /// `latest` tag that is not a version.
    /// </summary>
    internal static async Task<RepositoryName> SeedExtensionAsync(RegistrySeeder seeder, string prefix)
    {
        var repository = seeder.NewRepository(prefix);
        await seeder.PushAsync(repository, "1.0.0", Image(">= 0.2.3", "1.0.0"));
        await seeder.PushAsync(repository, "1.1.0", Image(">= 0.3.0", "1.1.0"));
        var latest = await seeder.PushAsync(repository, "2.0.0", Image(">= 0.4.0", "2.0.0") with { Platforms = ["linux/amd64", "linux/arm64"] });
        await seeder.PushAsync(repository, "2.1.0-beta.1", Image(">= 0.3.0", "2.1.0-beta.1"));
        var invalid = ExtensionLabelSets.Valid("Flow", "1.2.0");
        invalid.Remove(LabelNames.Changelog);
        await seeder.PushAsync(repository, "1.2.0", new SeedImage(invalid));
        await seeder.TagAsync(repository, latest, "latest");
        return repository;
    }

    private static SeedImage Image(string apiRange, string build)
    {
        var labels = ExtensionLabelSets.Valid("Flow Extension", build);
        labels[LabelNames.ApiVersion] = apiRange;
        return new SeedImage(labels);
    }

    private async Task AllowListAndScanAsync()
    {
        using var put = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{_repository.Value}",
            ScannerTestServer.Json("""{"note":"end to end"}""")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var scan = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Post, "api/v1/admin/scans",
            ScannerTestServer.Json($$"""{"repository":"{{_repository.Value}}"}""")));
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        await _server.WaitForIdleAsync();
    }

    [Fact]
    public async Task Scanned_extension_appears_in_catalog_and_detail_with_every_version()
    {
        await AllowListAndScanAsync();

        using var list = await JsonDocument.ParseAsync(await _server.Client.GetStreamAsync("api/v1/extensions"));
        var entry = list.RootElement.GetProperty("extensions").EnumerateArray()
            .Single(e => e.GetProperty("repository").GetString() == _repository.Value);
        Assert.Equal("Flow Extension", entry.GetProperty("title").GetString());
        Assert.Equal("2.0.0", entry.GetProperty("latestVersion").GetString());
        Assert.Equal(">=0.4.0", entry.GetProperty("apiVersionRange").GetString()?.Replace(" ", "", StringComparison.Ordinal));

        using var detail = await JsonDocument.ParseAsync(await _server.Client.GetStreamAsync($"api/v1/extensions/{_repository.Value}"));
        var versions = detail.RootElement.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetString()!);
        Assert.Equal(["1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0-beta.1"], versions.Keys.Order(StringComparer.Ordinal));
        Assert.False(versions["1.2.0"].GetProperty("valid").GetBoolean());
        Assert.Contains(versions["1.2.0"].GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains(LabelNames.Changelog, StringComparison.Ordinal));
        Assert.Equal(["linux/amd64", "linux/arm64"], versions["2.0.0"].GetProperty("platforms").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal));
        Assert.StartsWith("sha256:", versions["1.0.0"].GetProperty("digest").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_check_answers_every_status()
    {
        await AllowListAndScanAsync();
        var repo = _repository.Value;

        var at034 = await UpdatesAsync($"apiVersion=0.3.4&installed={repo}@1.0.0&installed={repo}@1.1.0&installed=docker.io/nobody/nothing@1.0.0");
        Assert.Equal(("2.0.0", "1.1.0", true, "update-available"), at034[repo + "@1.0.0"]);
        Assert.Equal(("2.0.0", "1.1.0", false, "newer-version-needs-newer-desktop"), at034[repo + "@1.1.0"]);
        Assert.Equal("unknown-extension", at034["docker.io/nobody/nothing@1.0.0"].Status);

        // A name as the client may have it (not normalised) is answered under its normalised name.
        var spelled = await UpdatesAsync($"apiVersion=0.3.4&installed={repo.ToUpperInvariant()}@1.0.0");
        Assert.Equal(("2.0.0", "1.1.0", true, "update-available"), spelled[repo + "@1.0.0"]);

        var at042 = await UpdatesAsync($"apiVersion=0.4.2&installed={repo}@2.0.0");
        Assert.Equal(("2.0.0", "2.0.0", false, "up-to-date"), at042[repo + "@2.0.0"]);

        var prerelease = await UpdatesAsync($"apiVersion=0.3.4&installed={repo}@1.1.0&includePrerelease=true");
        Assert.Equal(("2.1.0-beta.1", "2.1.0-beta.1", true, "update-available"), prerelease[repo + "@1.1.0"]);

        using var block = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/blocks/{repo}@1.1.0"));
        Assert.True(block.IsSuccessStatusCode, await block.Content.ReadAsStringAsync());
        var blocked = await UpdatesAsync($"apiVersion=0.3.4&installed={repo}@1.1.0&installed={repo}@1.0.0");
        Assert.Equal("installed-version-blocked", blocked[repo + "@1.1.0"].Status);
        Assert.NotEqual("1.1.0", blocked[repo + "@1.0.0"].LatestCompatible);

        // The POST form gives the same answers as the query form.
        using var post = await _server.Client.PostAsync("api/v1/updates", ScannerTestServer.Json(
            $$"""{"apiVersion":"0.3.4","installed":[{"repository":"{{repo}}","version":"1.1.0"}]}"""));
        using var posted = await JsonDocument.ParseAsync(await post.Content.ReadAsStreamAsync());
        Assert.Equal("installed-version-blocked", posted.RootElement.GetProperty("updates")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Change_feed_pages_by_cursor_without_gaps_or_repeats()
    {
        await AllowListAndScanAsync();
        using var block = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/blocks/{_repository.Value}@1.0.0"));
        Assert.True(block.IsSuccessStatusCode);

        using var all = await JsonDocument.ParseAsync(await _server.Client.GetStreamAsync("api/v1/changes?limit=500"));
        var expected = all.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        var types = all.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(4, types.Count(t => t == "extension.version.published"));
        Assert.Equal(1, types.Count(t => t == "extension.version.rejected"));
        Assert.Equal(1, types.Count(t => t == "extension.version.blocked"));
        Assert.Equal(1, types.Count(t => t == "extension.added"));

        var paged = new List<string?>();
        string? cursor = null;
        for (var page = 0; page < 100; page++)
        {
            var url = cursor is null ? "api/v1/changes?limit=2" : $"api/v1/changes?limit=2&after={Uri.EscapeDataString(cursor)}";
            using var document = await JsonDocument.ParseAsync(await _server.Client.GetStreamAsync(url));
            var events = document.RootElement.GetProperty("events").EnumerateArray().ToList();
            Assert.True(events.Count <= 2);
            cursor = document.RootElement.GetProperty("cursor").GetString();
            if (events.Count == 0)
            {
                break;
            }

            paged.AddRange(events.Select(e => e.GetProperty("id").GetString()));
        }

        Assert.Equal(expected, paged);
        Assert.Equal(paged.Count, paged.Distinct().Count());

        // The cursor of the last page is where a poller resumes: nothing new, nothing repeated.
        using var tail = await JsonDocument.ParseAsync(await _server.Client.GetStreamAsync($"api/v1/changes?after={Uri.EscapeDataString(cursor!)}"));
        Assert.Empty(tail.RootElement.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Repeated_get_with_if_none_match_answers_304_until_the_catalog_changes()
    {
        await AllowListAndScanAsync();
        foreach (var path in new[] { "api/v1/extensions", $"api/v1/extensions/{_repository.Value}", $"api/v1/updates?apiVersion=0.3.4&installed={_repository.Value}@1.0.0" })
        {
            using var first = await _server.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.NotNull(first.Headers.CacheControl);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await _server.Client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }

        using var before = await _server.Client.GetAsync("api/v1/extensions");
        using var block = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/blocks/{_repository.Value}@1.0.0"));
        using var after = new HttpRequestMessage(HttpMethod.Get, "api/v1/extensions");
        after.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var changed = await _server.Client.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task Repositories_seeded_from_configuration_are_scanned_at_start()
    {
        var seeded = await SeedExtensionAsync(environment.Registry.Seeder, "seeded");
        await using var server = await ScannerTestServer.StartAsync(
            environment, settings: new Dictionary<string, string> { ["Scanner:AllowList:0"] = seeded.Value });
        await server.WaitForIdleAsync();
        using var detail = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/extensions/{seeded.Value}"));
        Assert.Equal("seeded from configuration", detail.RootElement.GetProperty("note").GetString());
        Assert.Equal(5, detail.RootElement.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task An_extension_no_scan_has_read_is_not_scanned_yet_and_its_detail_and_health_say_why()
    {
        // Allow-listed, but nothing is in the registry under that name: every scan fails.
        var missing = environment.Registry.Seeder.NewRepository("missing");
        using (var put = await _server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{missing.Value}")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await _server.WaitForIdleAsync();
        var answer = await UpdatesAsync($"apiVersion=0.3.4&installed={missing.Value}@1.0.0");
        Assert.Equal((null, null, false, "not-scanned-yet"), answer[missing.Value + "@1.0.0"]);

        using var detail = JsonDocument.Parse(await _server.Client.GetStringAsync($"api/v1/extensions/{missing.Value}"));
        var scan = detail.RootElement.GetProperty("scan");
        Assert.Equal("failed", scan.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrWhiteSpace(scan.GetProperty("failure").GetString()));
        Assert.Equal(JsonValueKind.Null, scan.GetProperty("lastSucceededAt").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, scan.GetProperty("lastEndedAt").ValueKind);

        await Poll.UntilAsync(async () =>
        {
            using var health = JsonDocument.Parse(await _server.Client.GetStringAsync("api/health"));
            return health.RootElement.GetProperty("reasons").EnumerateArray().Any(r => r.GetString()!.Contains($"last scan of {missing.Value} failed", StringComparison.Ordinal));
        }, "health to name the failing repository");
    }

    [Fact]
    public async Task Admin_endpoints_need_the_admin_key()
    {
        using var anonymous = await _server.Client.GetAsync("api/v1/admin/allowlist");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var withFunctionKey = new HttpRequestMessage(HttpMethod.Get, "api/v1/admin/allowlist");
        withFunctionKey.Headers.Add("x-functions-key", ScannerTestServer.FunctionKey);
        using var functionKey = await _server.Client.SendAsync(withFunctionKey);
        Assert.Equal(HttpStatusCode.Unauthorized, functionKey.StatusCode);
        using var admin = await _server.Client.GetAsync($"api/v1/admin/allowlist?code={ScannerTestServer.AdminKey}");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    private async Task<Dictionary<string, (string? Latest, string? LatestCompatible, bool UpdateAvailable, string? Status)>> UpdatesAsync(string query)
    {
        using var response = await _server.Client.GetAsync("api/v1/updates?" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("updates").EnumerateArray().ToDictionary(
            u => u.GetProperty("repository").GetString() + "@" + u.GetProperty("installedVersion").GetString(),
            u => (u.GetProperty("latestVersion").GetString(), u.GetProperty("latestCompatibleVersion").GetString(),
                u.GetProperty("updateAvailable").GetBoolean(), u.GetProperty("status").GetString()));
    }
}
