using System.Net;
using System.Text;
using System.Text.Json;
using Scanner.Cli.Tests.Support;

namespace Scanner.Cli.Tests.Api;

[Collection(ScannerCollection.Name)]
public sealed class ClientApiLimitTests(ScannerEnvironment environment) : IAsyncLifetime
{
    private ScannerTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ScannerTestServer.StartAsync(environment);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("api/v1/changes?limit=0")]
    [InlineData("api/v1/changes?limit=501")]
    [InlineData("api/v1/changes?limit=ten")]
    [InlineData("api/v1/changes?after=not-a-cursor")]
    [InlineData("api/v1/updates?installed=docker.io/a/b@1.0.0")]
    [InlineData("api/v1/updates?apiVersion=banana&installed=docker.io/a/b@1.0.0")]
    [InlineData("api/v1/updates?apiVersion=0.3.4&installed=docker.io/a/b")]
    [InlineData("api/v1/updates?apiVersion=0.3.4&installed=docker.io/a/b@latest")]
    [InlineData("api/v1/updates?apiVersion=0.3.4&includePrerelease=maybe")]
    [InlineData("api/v1/extensions/Not%20A%20Repository")]
    public async Task Bad_client_input_is_a_400_problem(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task More_than_500_installed_entries_are_refused()
    {
        var installed = string.Join(",", Enumerable.Range(0, 501).Select(i => $$"""{"repository":"docker.io/a/e{{i}}","version":"1.0.0"}"""));
        using var response = await _server.Client.PostAsync("api/v1/updates", ScannerTestServer.Json($$"""{"apiVersion":"0.3.4","installed":[{{installed}}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_body_over_64_KiB_is_413()
    {
        var body = new StringBuilder("{\"apiVersion\":\"0.3.4\",\"pad\":\"").Append('x', 70 * 1024).Append("\"}").ToString();
        using var response = await _server.Client.PostAsync("api/v1/updates", ScannerTestServer.Json(body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_extension_is_404()
    {
        using var response = await _server.Client.GetAsync("api/v1/extensions/docker.io/nobody/nothing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_client_and_admin_paths()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync("api/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/extensions", paths);
        Assert.Contains("/api/v1/updates", paths);
        Assert.Contains("/api/v1/changes", paths);
        Assert.Contains("/api/v1/webhooks/dockerhub", paths);
        Assert.Contains("/api/v1/admin/scans", paths);
    }

    [Fact]
    public async Task Health_answers_healthy_with_no_reasons_and_the_catalog_position()
    {
        using var document = JsonDocument.Parse(await _server.Client.GetStringAsync("api/health"));
        Assert.Equal("healthy", document.RootElement.GetProperty("status").GetString());
        Assert.Empty(document.RootElement.GetProperty("reasons").EnumerateArray());
        Assert.True(document.RootElement.GetProperty("catalogSequence").GetInt64() >= 0);
    }
}
