using System.Net;
using System.Text;
using System.Text.Json;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Repositories;
using Scanner.Testing.Registry;

namespace Scanner.Cli.Tests.Api;

[Collection(ScannerCollection.Name)]
public sealed class WebhookTests(ScannerEnvironment environment)
{
    private const string Path = "api/v1/webhooks/dockerhub";

    private static string Payload(string repoName, string tag = "1.2.3") => $$"""
        {
          "callback_url": "https://registry.hub.docker.com/u/{{repoName}}/hook/1/",
          "push_data": { "pushed_at": 1764000000, "pusher": "someone", "tag": "{{tag}}" },
          "repository": { "repo_name": "{{repoName}}", "namespace": "{{repoName.Split('/')[0]}}", "name": "{{repoName.Split('/')[^1]}}" }
        }
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(ScannerTestServer.AdminKey + "x")]
    public async Task Missing_or_wrong_key_is_401(string? key)
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var url = key is null ? Path : $"{Path}?code={key}";
        using var response = await server.Client.PostAsync(url, ScannerTestServer.Json(Payload("acme/ext")));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("""{"repository":{"repo_name":"acme/ext"}}""")]
    [InlineData("""{"push_data":{"tag":"1.0.0"}}""")]
    [InlineData("""{"push_data":{"tag":"1.0.0"},"repository":{"repo_name":42}}""")]
    [InlineData("""{"push_data":{"tag":"1.0.0"},"repository":{"repo_name":"ghcr.io/acme/ext"}}""")]
    [InlineData("""{"push_data":{"tag":"1.0.0"},"repository":{"repo_name":"Acme/Ext:latest"}}""")]
    [InlineData("""{"push_data":"yesterday","repository":{"repo_name":"acme/ext"}}""")]
    public async Task Malformed_payloads_are_400_problems(string body)
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        using var response = await server.Client.PostAsync($"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var huge = new StringBuilder("{\"x\":\"").Append('a', 1024 * 1024).Append("\"}").ToString();
        using var response = await server.Client.PostAsync($"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(huge));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Repository_not_on_the_allow_list_is_accepted_and_causes_no_registry_traffic()
    {
        await using var server = await ScannerTestServer.StartAsync(environment, DockerHubOnLocalRegistry());
        var mark = environment.Registry.Server.AccessLog.Count;
        using var response = await server.Client.PostAsync($"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(Payload("test/not-listed")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ignored", body.RootElement.GetProperty("status").GetString());
        await server.WaitForIdleAsync();
        Assert.Empty(await environment.Registry.Server.AccessLog.ForRepositoryAsync("test/not-listed", mark));
    }

    [Fact]
    public async Task A_burst_of_100_webhooks_in_a_second_is_one_message_and_one_scan_plus_at_most_one_follow_up()
    {
        await using var server = await ScannerTestServer.StartAsync(environment, DockerHubOnLocalRegistry());
        var (hub, local) = await SeedOnDockerHubAsync("burst");
        await AllowListAsync(server, hub);

        // The addition's own first scan is done: the burst starts from a quiet repository.
        await server.WaitForIdleAsync();
        await environment.Registry.Server.AccessLog.WaitForQuietAsync();
        var mark = environment.Registry.Server.AccessLog.Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await server.Client.PostAsync(
                $"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(Payload(hub.Path, $"1.0.{i}")));
            return (response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
        }));
        await server.WaitForIdleAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var dispositions = responses.Select(r => r.Body.RootElement.GetProperty("scan").GetProperty("disposition").GetString()).ToArray();
        Assert.Equal(1, dispositions.Count(d => d == "enqueued"));
        Assert.All(dispositions, d => Assert.Contains(d, new[] { "enqueued", "already-pending", "follow-up" }));

        // The burst joins the one pending message: one scan lists the tags, and one more runs only if the burst
        // outlasted the coalescing window and webhooks came in while the scan ran.
        var tagLists = (await environment.Registry.Server.AccessLog.ForRepositoryAsync(local.Path, mark))
            .Count(e => e.Path.EndsWith("/tags/list", StringComparison.Ordinal));
        var followUps = dispositions.Contains("follow-up") ? 1 : 0;
        Assert.Equal(1 + followUps, tagLists);
    }

    [Fact]
    public async Task A_webhook_right_after_a_scan_finished_publishes_the_new_tag_within_seconds()
    {
        await using var server = await ScannerTestServer.StartAsync(environment, DockerHubOnLocalRegistry());
        var (hub, local) = await SeedOnDockerHubAsync("after");
        await AllowListAsync(server, hub);
        await server.WaitForIdleAsync();

        // The scheduled-minute message id of the old design took this webhook for a duplicate of the first scan.
        await environment.Registry.Seeder.PushAsync(local, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("After", "1.1.0")));
        var started = DateTimeOffset.UtcNow;
        using var response = await server.Client.PostAsync($"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(Payload(hub.Path, "1.1.0")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Poll.UntilAsync(async () =>
        {
            using var detail = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/extensions/{hub.Value}"));
            return detail.RootElement.GetProperty("versions").EnumerateArray().Any(v => v.GetProperty("version").GetString() == "1.1.0");
        }, "1.1.0 to be published", TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    /// <summary>Docker Hub names reach the local registry, so webhooks (Docker Hub only) can be tested without Docker Hub.</summary>
    private Dictionary<string, string> DockerHubOnLocalRegistry() => new()
    {
        ["Scanner:Registries:1:Host"] = RepositoryName.DockerHub,
        ["Scanner:Registries:1:Endpoint"] = environment.Registry.Server.Host,
        ["Scanner:Registries:1:Insecure"] = "true",
    };

    /// <summary>A repository pushed to the local registry, and the Docker Hub name that reaches it.</summary>
    private async Task<(RepositoryName Hub, RepositoryName Local)> SeedOnDockerHubAsync(string prefix)
    {
        var local = environment.Registry.Seeder.NewRepository(prefix);
        await environment.Registry.Seeder.PushAsync(local, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Hub " + prefix, "1.0.0")));
        return (RepositoryName.Parse($"docker.io/{local.Path}"), local);
    }

    private static async Task AllowListAsync(ScannerTestServer server, RepositoryName repository)
    {
        using var put = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}"));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
    }
}
