using System.Net;
using System.Text;
using System.Text.Json;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Functions.Hosting;
using Scanner.Functions.Tests.Support;
using Scanner.Messaging;
using Scanner.Messaging.InProcess;
using Scanner.Registry.Http;

namespace Scanner.Functions.Tests.Api;

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
        await using var server = await ScannerTestServer.StartAsync(environment);
        var before = server.Service<RequestAccounting>().Snapshot();
        using var response = await server.Client.PostAsync($"{Path}?code={ScannerTestServer.FunctionKey}", ScannerTestServer.Json(Payload("acme/not-listed")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ignored", body.RootElement.GetProperty("status").GetString());
        await server.WaitForBusAsync();
        Assert.Equal(0, (server.Service<RequestAccounting>().Snapshot() - before).Total);
    }

    [Fact]
    public async Task A_burst_of_webhooks_for_one_repository_is_one_scan_request()
    {
        // Custom-handler mode: nothing consumes the in-process queue, so the test can count what reached it (and
        // nothing is scanned: the repository is on Docker Hub, which tests never reach).
        await using var server = await ScannerTestServer.StartAsync(
            environment, HostMode.CustomHandler, time: new FixedTimeProvider(new DateTimeOffset(2026, 11, 23, 10, 30, 0, TimeSpan.Zero)));
        Assert.True(await server.Service<IAllowListStore>().AddAsync(RepositoryName.Parse("docker.io/acme/burst"), "burst test"));
        var received = new List<string>();
        using var counter = server.Service<InProcessBus>().Subscribe(MessagingEntities.ScanRequests, (message, _) =>
        {
            lock (received)
            {
                received.Add(message.MessageId);
            }

            return Task.CompletedTask;
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var response = await server.Client.PostAsync(Path, ScannerTestServer.Json(Payload("acme/burst", $"1.0.{i}")));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }));
        await server.WaitForBusAsync();

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(responses.Select(r => JsonDocument.Parse(r.Item2).RootElement.GetProperty("messageId").GetString()).Distinct());
        Assert.Equal(["scan:docker.io/acme/burst:2026-11-23T10:30"], received);
    }
}
