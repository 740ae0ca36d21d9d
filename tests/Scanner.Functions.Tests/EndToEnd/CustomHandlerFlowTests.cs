using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Functions.Hosting;
using Scanner.Functions.Tests.Support;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;
using Scanner.Testing.ServiceBus;

namespace Scanner.Functions.Tests.EndToEnd;

/// <summary>
/// The same flow driven as the Functions host drives it: HTTP requests forwarded unchanged, timer and Service Bus
/// invocations POSTed to <c>/{FunctionName}</c> in the host's payload shape.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class CustomHandlerFlowTests(ScannerEnvironment environment)
{
    private const string TimerInvocation = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-23T10:00:00+00:00","Next":"2026-11-23T10:15:00+00:00","LastUpdated":"2026-11-23T10:00:00+00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"ScheduleScans","UtcNow":"2026-11-23T10:15:00.0123456Z","RandGuid":"0c2b7e1e-6f0e-4c65-9d0c-2f6f3d1f9a11"}}}
        """;

    public static TheoryData<string> ScanRequestEncodings => new()
    {
        // The body as JSON (what a JSON-aware host sends) and as a JSON string holding it (what the Service Bus binding sends).
        """{"repository":"REPO"}""",
        JsonSerializer.Serialize("""{"repository":"REPO"}"""),
        JsonSerializer.Serialize(JsonSerializer.Serialize("""{"repository":"REPO"}""")),
    };

    [Theory]
    [MemberData(nameof(ScanRequestEncodings))]
    public async Task Service_bus_invocation_scans_the_repository_in_each_string_encoding(string messageJson)
    {
        await using var server = await ScannerTestServer.StartAsync(environment, HostMode.CustomHandler);
        var repository = await StandaloneFlowTests.SeedExtensionAsync(environment.Registry.Seeder, "handler");
        Assert.True(await server.Service<IAllowListStore>().AddAsync(repository, "custom handler test"));

        using (var probe = await server.Client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        var message = messageJson.Replace("REPO", repository.Value, StringComparison.Ordinal);
        var metadata = $$"""
            {"MessageId":"scan:{{repository.Value}}:2026-11-23T10:15","DeliveryCount":1,"ContentType":"application/json",
             "sys":{"MethodName":"ScanRepository","UtcNow":"2026-11-23T10:15:01Z"} }
            """;
        var invocation = "{\"Data\":{\"message\":" + message + "},\"Metadata\":" + metadata + "}";
        using var scan = await server.Client.PostAsync("ScanRepository", ScannerTestServer.Json(invocation));
        var answer = await scan.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, scan.StatusCode);
        using (var response = JsonDocument.Parse(answer))
        {
            Assert.Equal(JsonValueKind.Object, response.RootElement.GetProperty("Outputs").ValueKind);
            Assert.Equal(JsonValueKind.Array, response.RootElement.GetProperty("Logs").ValueKind);
            Assert.Equal(JsonValueKind.Null, response.RootElement.GetProperty("ReturnValue").ValueKind);
        }

        using var detail = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/extensions/{repository.Value}"));
        Assert.Equal(5, detail.RootElement.GetProperty("versions").GetArrayLength());
        Assert.Equal("2.0.0", detail.RootElement.GetProperty("latestVersion").GetString());
    }

    [Fact]
    public async Task NotifySubscribers_invocation_delivers_the_event_to_subscribers_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ScannerTestServer.StartAsync(environment, HostMode.CustomHandler);
        await server.Service<ISubscriberStore>().UpsertAsync(
            new Subscriber("hook", receiver.Url("/events"), "custom-handler-secret-0123", [], DateTimeOffset.UtcNow));
        const string CloudEvent = """{"specversion":"1.0","id":"0123456789abcdef","source":"/extensions/docker.io/acme/ext","type":"extension.added","time":"2026-11-23T10:15:00Z","datacontenttype":"application/json","data":{"repository":"docker.io/acme/ext","note":null}}""";

        // The Service Bus binding hands the body over as a JSON string.
        var invocation = "{\"Data\":{\"message\":" + JsonSerializer.Serialize(CloudEvent) + "},\"Metadata\":{\"MessageId\":\"0123456789abcdef\"}}";
        using var response = await server.Client.PostAsync("NotifySubscribers", ScannerTestServer.Json(invocation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var delivery = Assert.Single(receiver.ReceivedAt("/events"));
        using var delivered = JsonDocument.Parse(delivery.Body);
        Assert.Equal("0123456789abcdef", delivered.RootElement.GetProperty("id").GetString());
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("custom-handler-secret-0123"), delivery.Body));
        Assert.Equal(expected, delivery.Signature);
    }

    [Fact]
    public async Task Timer_invocations_succeed_with_the_host_payload()
    {
        await using var server = await ScannerTestServer.StartAsync(environment, HostMode.CustomHandler);
        foreach (var function in new[] { "ScheduleScans", "RelayOutbox" })
        {
            using var response = await server.Client.PostAsync(function, ScannerTestServer.Json(TimerInvocation));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("ScanRepository", """{"Data":{"message":"not json at all"},"Metadata":{}}""")]
    [InlineData("ScanRepository", """{"Data":{"message":{"repository":"UPPER/Case:tag"}},"Metadata":{}}""")]
    [InlineData("ScanRepository", """{"Data":{}}""")]
    [InlineData("NotifySubscribers", """{"Data":{"message":{"id":1}},"Metadata":{}}""")]
    [InlineData("ScanRepository", "{not json")]
    public async Task Undecodable_invocations_fail_with_a_non_2xx_so_the_host_retries(string function, string body)
    {
        await using var server = await ScannerTestServer.StartAsync(environment, HostMode.CustomHandler);
        using var response = await server.Client.PostAsync(function, ScannerTestServer.Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(answer.RootElement.TryGetProperty("Logs", out _));
    }

    [Fact]
    public async Task Invocation_endpoints_exist_only_in_custom_handler_mode()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        using var response = await server.Client.PostAsync("ScanRepository", ScannerTestServer.Json("""{"Data":{}}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
