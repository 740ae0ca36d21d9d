using System.Text.Json;
using Scanner.Functions.CustomHandler;
using Scanner.Functions.Functions;

namespace Scanner.Functions.Tests.Protocol;

public sealed class TriggerPayloadTests
{
    [Theory]
    [InlineData("""{"Data":{"message":{"repository":"docker.io/acme/ext"}},"Metadata":{}}""")]
    [InlineData("""{"Data":{"message":"{\"repository\":\"docker.io/acme/ext\"}"},"Metadata":{}}""")]
    [InlineData("""{"Data":{"message":"\"{\\\"repository\\\":\\\"docker.io/acme/ext\\\"}\""},"Metadata":{}}""")]
    [InlineData("""{"data":{"Message":{"repository":"acme/ext"}}}""")]
    public void Service_bus_bodies_decode_in_every_encoding_the_host_uses(string invocation)
    {
        using var document = JsonDocument.Parse(invocation);
        var message = TriggerPayload.ReadBinding(document.RootElement, "message");
        Assert.Equal("docker.io/acme/ext", FunctionInvoker.ReadScanRequest(message).Value);
    }

    [Theory]
    [InlineData("""{"Data":{}}""")]
    [InlineData("""{"Data":{"message":"not json"}}""")]
    [InlineData("""{"Data":{"message":{"repository":42}}}""")]
    [InlineData("""{"Data":{"message":{"repository":"Not A Valid/Name:tag"}}}""")]
    [InlineData("""[1,2,3]""")]
    public void Malformed_scan_requests_are_invalid_messages_not_crashes(string invocation)
    {
        using var document = JsonDocument.Parse(invocation);
        var message = TriggerPayload.ReadBinding(document.RootElement, "message");
        Assert.Throws<InvalidMessageException>(() => FunctionInvoker.ReadScanRequest(message));
    }

    [Fact]
    public void Unwrap_stops_at_a_string_that_is_not_json()
    {
        using var document = JsonDocument.Parse("\"hello\"");
        Assert.Equal("hello", TriggerPayload.Unwrap(document.RootElement).GetString());
    }
}
