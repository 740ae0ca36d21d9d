using System.Net;
using System.Text;
using Azure.Core;
using Scanner.Messaging.ServiceBus;
using Scanner.Messaging.Tests.Support;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.ServiceBus;

public sealed class ServiceBusRestClientTests
{
    private static readonly ServiceBusOptions FastRetries = new()
    {
        MaxAttempts = 4,
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    private static ServiceBusRestClient ClientFor(ServiceBusContractServer server, string? connectionString = null, TimeProvider? time = null) =>
        ServiceBusRestClient.Create(
            ServiceBusConnectionInfo.ParseConnectionString(connectionString ?? server.ConnectionString), FastRetries, time);

    private static OutgoingMessage Message(string id, string body = "{\"n\":1}", string type = "extension.added") =>
        new(id, Encoding.UTF8.GetBytes(body), "application/json", "label-" + id,
            new Dictionary<string, string> { ["type"] = type, ["repository"] = "docker.io/acme/x" });

    [Fact]
    public async Task Single_message_sends_message_id_label_content_type_and_custom_property_headers()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);

        await client.SendAsync("extension-changes", [Message("m-1")]);

        var request = Assert.Single(server.Requests);
        Assert.Equal(201, request.Status);
        Assert.False(request.IsBatch);
        Assert.Equal("/extension-changes/messages", request.Path);
        Assert.StartsWith("SAS skn=RootManageSharedAccessKey", request.Authorization, StringComparison.Ordinal);
        var message = Assert.Single(server.Accepted);
        Assert.Equal(("m-1", "label-m-1", "application/json"), (message.MessageId, message.Label, message.ContentType));
        Assert.Equal("extension.added", message.Properties["type"]);
        Assert.Equal("docker.io/acme/x", message.Properties["repository"]);
        Assert.Equal("{\"n\":1}", message.BodyText);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Several_messages_go_as_one_batch_with_user_properties()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);

        await client.SendAsync("extension-changes", [Message("a"), Message("b"), Message("c", type: "extension.removed")]);

        var request = Assert.Single(server.Requests);
        Assert.True(request.IsBatch);
        Assert.Equal(ServiceBusContractServer.BatchContentType, request.ContentType);
        Assert.Equal(["a", "b", "c"], server.Accepted.Select(m => m.MessageId));
        Assert.Equal("extension.removed", server.Accepted[2].Properties["type"]);
        Assert.All(server.Accepted, m => Assert.Equal("{\"n\":1}", m.BodyText));
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Batch_over_256_KiB_is_split_into_requests_under_the_limit()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        var body = "{\"pad\":\"" + new string('x', 40 * 1024) + "\"}";
        var messages = Enumerable.Range(1, 12).Select(i => Message($"big-{i}", body)).ToList();

        await client.SendAsync("extension-changes", messages);

        Assert.True(server.Requests.Count >= 2, $"{server.Requests.Count} request(s)");
        Assert.All(server.Requests, r => Assert.True(r.BodyBytes < ServiceBusContractServer.MaxRequestBytes, $"{r.BodyBytes} bytes"));
        Assert.Equal(messages.Select(m => m.MessageId), server.Accepted.Select(m => m.MessageId));
        Assert.Empty(server.Violations);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Transient_answers_are_retried_until_accepted(HttpStatusCode status)
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        server.FailNext(2, status);

        await client.SendAsync("scan-requests", [Message("retry-me")]);

        Assert.Equal([(int)status, (int)status, 201], server.Requests.Select(r => r.Status));
        Assert.Equal("retry-me", Assert.Single(server.Accepted).MessageId);
    }

    [Fact]
    public async Task A_503_burst_longer_than_the_attempts_fails_as_transient_after_max_attempts()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        server.FailNext(10);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.SendAsync("scan-requests", [Message("x")]));

        Assert.True(error.IsTransient);
        Assert.Equal(FastRetries.MaxAttempts, server.Requests.Count);
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task Wrong_key_gets_401_once_and_says_to_check_the_connection_string()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server, server.ConnectionStringWithKey("d3Jvbmcta2V5"));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.SendAsync("scan-requests", [Message("x")]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("SharedAccessKey", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("d3Jvbmcta2V5", error.Message, StringComparison.Ordinal);
        Assert.Equal(401, Assert.Single(server.Requests).Status);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Forbidden_is_not_retried_and_names_the_send_right()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);
        server.FailNext(1, HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.SendAsync("scan-requests", [Message("x")]));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("Send", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Missing_entity_is_not_retried_and_names_the_entity()
    {
        await using var server = await ServiceBusContractServer.StartAsync(new ContractServerOptions
        {
            Entities = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "scan-requests" },
        });
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.SendAsync("no-such-topic", [Message("x")]));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Contains("'no-such-topic'", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Single_message_over_256_KiB_is_refused_with_413_and_not_retried()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => client.SendAsync("scan-requests", [Message("huge", new string('x', 300 * 1024))]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, error.Status);
        Assert.Contains("larger than Service Bus accepts", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Sas_token_is_reused_and_renewed_shortly_before_it_expires()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var client = ClientFor(server, time: time);

        await client.SendAsync("scan-requests", [Message("t1")]);
        time.Advance(TimeSpan.FromMinutes(30));
        await client.SendAsync("scan-requests", [Message("t2")]);
        time.Advance(TimeSpan.FromMinutes(26));
        await client.SendAsync("scan-requests", [Message("t3")]);

        var expiries = server.Requests.Select(r => r.SasExpiry!.Value).ToList();
        Assert.Equal(expiries[0], expiries[1]);
        Assert.True(expiries[2] > expiries[1], "a token within five minutes of expiry is renewed");
        Assert.All(server.Requests, r => Assert.Equal(201, r.Status));
    }

    [Fact]
    public async Task Expired_sas_token_is_refused_by_the_contract_server()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server, time: new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.SendAsync("scan-requests", [Message("old")]));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("SAS token expired", Assert.Single(server.Requests).Problem);
    }

    [Fact]
    public async Task Entra_bearer_token_is_sent_as_authorization()
    {
        await using var server = await ServiceBusContractServer.StartAsync(new ContractServerOptions
        {
            BearerTokens = new HashSet<string>(StringComparer.Ordinal) { "entra-test-token" },
        });
        using var tokens = new EntraTokenProvider(new FixedTokenCredential("entra-test-token"));
        using var http = new HttpClient();
        using var client = new ServiceBusRestClient(http, server.Endpoint, tokens, FastRetries);

        await client.SendAsync("scan-requests", [Message("bearer")]);

        Assert.Equal("Bearer", Assert.Single(server.Requests).Authorization);
        Assert.Equal("bearer", Assert.Single(server.Accepted).MessageId);
    }

    [Fact]
    public async Task Same_message_id_twice_is_accepted_both_times_and_enqueued_once()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        using var client = ClientFor(server);

        await client.SendAsync("scan-requests", [Message("dup")]);
        await client.SendAsync("scan-requests", [Message("dup")]);

        Assert.All(server.Requests, r => Assert.Equal(201, r.Status));
        Assert.Equal(2, server.Messages.Count);
        Assert.Single(server.Accepted);
    }

    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
