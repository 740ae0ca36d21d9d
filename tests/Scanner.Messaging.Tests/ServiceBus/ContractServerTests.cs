using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.ServiceBus;

/// <summary>The contract server catches clients that break the REST reference (its verdicts other tests rely on).</summary>
public sealed class ContractServerTests
{
    private static async Task<HttpResponseMessage> PostAsync(ServiceBusContractServer server, string path, HttpContent content, string? authorization)
    {
        using var http = new HttpClient { BaseAddress = server.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task Batch_with_a_charset_parameter_is_a_violation()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        var content = new StringContent("[{\"Body\":\"x\"}]", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/vnd.microsoft.servicebus.json; charset=utf-8");

        using var response = await PostAsync(server, "q/messages", content, "Bearer token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("without parameters", Assert.Single(server.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_without_authorization_is_refused_and_flagged()
    {
        await using var server = await ServiceBusContractServer.StartAsync();

        using var response = await PostAsync(server, "q/messages", new StringContent("x"), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no Authorization", Assert.Single(server.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sas_token_missing_a_field_is_refused_and_flagged()
    {
        await using var server = await ServiceBusContractServer.StartAsync();

        using var response = await PostAsync(server, "q/messages", new StringContent("x"), "SharedAccessSignature sr=a&sig=b&se=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("sr, sig, se and skn", Assert.Single(server.Violations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_other_than_entity_messages_is_flagged()
    {
        await using var server = await ServiceBusContractServer.StartAsync();

        using var response = await PostAsync(server, "q", new StringContent("x"), "Bearer token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(server.Violations);
    }

    [Fact]
    public async Task Batch_element_without_a_string_body_is_flagged()
    {
        await using var server = await ServiceBusContractServer.StartAsync();
        var content = new StringContent("[{\"Body\":{\"a\":1}}]", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(ServiceBusContractServer.BatchContentType);

        using var response = await PostAsync(server, "q/messages", content, "Bearer token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Messages);
    }
}
