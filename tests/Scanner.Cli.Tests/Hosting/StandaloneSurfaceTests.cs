using System.Net;
using Scanner.Cli.Tests.Support;
using Scanner.Testing.Functions;

namespace Scanner.Cli.Tests.Hosting;

/// <summary>
/// The standalone host serves exactly what functions.metadata declares: every route with its methods and auth level.
/// The list comes from the Worker SDK's output, not from a copy kept here.
/// </summary>
[Collection(ScannerCollection.Name)]
public sealed class StandaloneSurfaceTests(ScannerEnvironment environment)
{
    [Fact]
    public async Task Every_http_function_of_the_metadata_answers_on_its_route_methods_and_auth_level()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        var functions = BuildOutput.Functions().Where(f => f.TriggerType == "httpTrigger").ToArray();
        Assert.Equal(11, functions.Length);
        foreach (var function in functions)
        {
            var path = "api/" + RouteSamples.PathsMatching(function.Route!).Last();
            foreach (var method in function.Methods)
            {
                using var anonymous = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                // A 404 of the router has no body; a 404 of a function is problem details.
                Assert.False(anonymous.StatusCode == HttpStatusCode.NotFound && anonymous.Content.Headers.ContentType is null, $"{method} /{path} is not routed");
                Assert.NotEqual(HttpStatusCode.MethodNotAllowed, anonymous.StatusCode);
                if (function.AuthLevel == "Anonymous")
                {
                    Assert.NotEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
                    continue;
                }

                Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
                var key = function.AuthLevel == "Admin" ? ScannerTestServer.AdminKey : ScannerTestServer.FunctionKey;
                using var keyed = new HttpRequestMessage(new HttpMethod(method), path);
                keyed.Headers.Add("x-functions-key", key);
                using var withKey = await server.Client.SendAsync(keyed);
                Assert.NotEqual(HttpStatusCode.Unauthorized, withKey.StatusCode);

                // The query form of the key works too; a function key does not open an admin function.
                using var byQuery = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{path}?code={key}"));
                Assert.NotEqual(HttpStatusCode.Unauthorized, byQuery.StatusCode);
                if (function.AuthLevel == "Admin")
                {
                    using var wrongLevel = new HttpRequestMessage(new HttpMethod(method), path);
                    wrongLevel.Headers.Add("x-functions-key", ScannerTestServer.FunctionKey);
                    using var refused = await server.Client.SendAsync(wrongLevel);
                    Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                }
            }

            foreach (var other in new[] { "GET", "POST", "PUT", "DELETE" }.Except(function.Methods))
            {
                using var notAllowed = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(other), path));
                Assert.True(notAllowed.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{other} /{path}: {notAllowed.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task The_list_route_is_not_taken_by_the_detail_route()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        using var list = await server.Client.GetAsync("api/v1/extensions");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("\"extensions\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_http_function_of_the_metadata()
    {
        await using var server = await ScannerTestServer.StartAsync(environment);
        using var document = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("api/openapi/v1.json"));
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString()!))
            .ToArray();
        foreach (var function in BuildOutput.Functions().Where(f => f.TriggerType == "httpTrigger"))
        {
            Assert.Contains(operations, id => id.StartsWith(function.Name, StringComparison.Ordinal));
        }

        var checkUpdates = document.RootElement.GetProperty("paths").GetProperty("/api/v1/updates").GetProperty("get").GetProperty("responses");
        Assert.True(checkUpdates.TryGetProperty("200", out _));
        Assert.True(checkUpdates.TryGetProperty("304", out _));
        Assert.True(checkUpdates.TryGetProperty("400", out _));
        Assert.True(checkUpdates.TryGetProperty("503", out _));
    }
}
