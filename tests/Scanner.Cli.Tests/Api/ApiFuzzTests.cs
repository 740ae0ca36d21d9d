using System.Net;
using System.Text;
using Scanner.Cli.Tests.Support;

namespace Scanner.Cli.Tests.Api;

/// <summary>
/// Random requests against every endpoint: whatever arrives, the answer is never a 5xx. Custom-handler mode so that
/// every handler is reached without keys, and no scan request is consumed (random names could be real Docker Hub
/// repositories, which tests never reach).
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class ApiFuzzTests(ScannerEnvironment environment)
{
    private const int Requests = 5000;

    private static readonly string[] Paths =
    [
        "api/v1/extensions", "api/v1/extensions/", "api/v1/extensions/docker.io/acme/ext", "api/v1/updates",
        "api/v1/changes", "api/v1/webhooks/dockerhub", "api/v1/admin/allowlist", "api/v1/admin/allowlist/",
        "api/v1/admin/blocks/", "api/v1/admin/subscribers", "api/v1/admin/subscribers/", "api/v1/admin/scans",
        "api/health", "api/openapi/v1.json",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Fragments =
    [
        "docker.io/acme/ext", "acme/ext@1.0.0", "@", "..", "%2F", "%00", "ÿ", "💥", "a:b", "UPPER", "1.2.3-beta.1", "v1",
        "127.0.0.1:5000/x", "' OR 1=1", "<script>", new string('a', 300), "%", "?", "#", ";", "=", "&",
    ];

    private static readonly string[] QueryKeys = ["apiVersion", "installed", "includePrerelease", "after", "limit", "code", "repository"];

    private static readonly string[] Bodies =
    [
        "", "{", "}", "null", "[]", "{}", "\"x\"", "1e999", "{\"apiVersion\":1}", "{\"installed\":\"x\"}",
        "{\"apiVersion\":\"0.3.4\",\"installed\":[{\"repository\":null,\"version\":[]}]}",
        "{\"repository\":{\"repo_name\":{}}}", "{\"push_data\":{\"tag\":1},\"repository\":{\"repo_name\":\"a/b\"}}",
        "{\"url\":\"https://example.com/hook\",\"secret\":\"0123456789abcdef0123\",\"eventTypes\":[\"nope\"]}",
        "{\"url\":\"javascript:alert(1)\",\"secret\":\"x\"}", "{\"note\":" + new string('[', 2000) + "}",
        "{\"repository\":\"" + new string('a', 70_000) + "\"}",
    ];

    [Fact]
    public async Task Random_requests_never_get_a_5xx()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var random = new Random(20261123);
        var failures = new List<string>();
        using var gate = new SemaphoreSlim(16);
        var tasks = new List<Task>();
        for (var i = 0; i < Requests; i++)
        {
            var fuzz = Build(random);
            await gate.WaitAsync();
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var status = await SendAsync(server.Client, fuzz);
                    if (status >= 500)
                    {
                        lock (failures)
                        {
                            failures.Add($"{status} {fuzz}");
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(tasks);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    // A pooled connection the server closed after an earlier rejected body can fail under a request: that request is
    // then sent again on a connection of its own, and must be answered.
    private static async Task<int> SendAsync(HttpClient client, FuzzRequest fuzz)
    {
        try
        {
            using var request = fuzz.ToMessage();
            using var response = await client.SendAsync(request);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            using var fresh = new HttpClient { BaseAddress = client.BaseAddress };
            using var request = fuzz.ToMessage();
            request.Headers.ConnectionClose = true;
            using var response = await fresh.SendAsync(request);
            return (int)response.StatusCode;
        }
    }

    private static FuzzRequest Build(Random random)
    {
        var path = new StringBuilder(Pick(random, Paths));
        for (var n = random.Next(3); n > 0; n--)
        {
            path.Append(Pick(random, Fragments));
            if (random.Next(2) == 0)
            {
                path.Append('/');
            }
        }

        if (random.Next(2) == 0)
        {
            path.Append('?');
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                path.Append(Pick(random, QueryKeys)).Append('=').Append(Uri.EscapeDataString(Pick(random, Fragments))).Append('&');
            }
        }

        var uri = Uri.TryCreate(path.ToString(), UriKind.Relative, out var relative) ? relative : new Uri("api/health", UriKind.Relative);
        var method = Pick(random, Methods);
        byte[]? body = null;
        string? contentType = null;
        if (method is not ("GET" or "HEAD") && random.Next(4) != 0)
        {
            body = random.Next(5) == 0 ? RandomBytes(random) : Encoding.UTF8.GetBytes(Pick(random, Bodies));
            contentType = random.Next(3) == 0 ? "text/plain" : "application/json";
        }

        var ifNoneMatch = random.Next(5) == 0 ? Uri.EscapeDataString(Pick(random, Fragments)) : null;
        return new FuzzRequest(method, uri, body, contentType, ifNoneMatch);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4096)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private sealed record FuzzRequest(string Method, Uri Uri, byte[]? Body, string? ContentType, string? IfNoneMatch)
    {
        public HttpRequestMessage ToMessage()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Uri);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            if (IfNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", IfNoneMatch);
            }

            return request;
        }

        public override string ToString() => $"{Method} {Uri} ({Body?.Length ?? 0} bytes)";
    }
}
