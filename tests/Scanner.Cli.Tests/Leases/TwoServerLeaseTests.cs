using System.Net;
using System.Text.Json;
using Scanner.Cli.Tests.Support;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Testing.Registry;
using Xunit.Abstractions;

namespace Scanner.Cli.Tests.Leases;

/// <summary>Two <c>scanner serve</c> instances on one Azurite and one registry: the lease keeps them off each other's repositories.</summary>
[Collection(ScannerCollection.Name)]
public sealed class TwoServerLeaseTests(ScannerEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_servers_asked_at_once_read_each_new_digest_once_and_announce_each_version_once()
    {
        var prefix = ScannerTestServer.NewStoragePrefix();
        await using var first = await ScannerTestServer.StartAsync(environment, storagePrefix: prefix);
        await using var second = await ScannerTestServer.StartAsync(environment, storagePrefix: prefix);
        var seeder = environment.Registry.Seeder;
        var repositories = new List<RepositoryName>();
        for (var i = 0; i < 10; i++)
        {
            var repository = seeder.NewRepository("lease");
            await seeder.PushAsync(repository, "1.0.0", Image(repository, "1.0.0"));
            using var put = await first.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Put, $"api/v1/admin/allowlist/{repository.Value}"));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            repositories.Add(repository);
        }

        await first.WaitForIdleAsync();
        var mark = environment.Registry.Server.AccessLog.Count;

        // Both asked at once, with five new tags pushed meanwhile.
        var asks = new[] { first, second, first, second }.Select(s => s.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Post, "api/v1/admin/scans"))).ToList();
        var pushes = repositories.Take(5).Select(r => seeder.PushAsync(r, "1.1.0", Image(r, "1.1.0"))).ToList();
        foreach (var response in await Task.WhenAll(asks))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            response.Dispose();
        }

        await Task.WhenAll(pushes);
        await first.WaitForIdleAsync();

        // Pushes that landed after a scan listed the tags are seen by the next request.
        foreach (var server in new[] { first, second })
        {
            using var again = await server.Client.SendAsync(ScannerTestServer.Admin(HttpMethod.Post, "api/v1/admin/scans"));
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        }

        await first.WaitForIdleAsync();
        var manifestGets = 0;
        foreach (var repository in repositories)
        {
            var entries = await environment.Registry.Server.AccessLog.ForRepositoryAsync(repository.Path, mark);
            manifestGets += entries.Count(e => e.Method == "GET" && e.Path.Contains("/manifests/", StringComparison.Ordinal));
        }

        output.WriteLine($"new digests: 5, manifest GETs: {manifestGets}");
        Assert.Equal(5, manifestGets);

        var events = await ReadFeedAsync(first);
        var published = events.Where(e => e.Type == "extension.version.published").Select(e => e.Subject).ToArray();
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(15, published.Length);
        foreach (var repository in repositories.Take(5))
        {
            using var detail = JsonDocument.Parse(await second.Client.GetStringAsync($"api/v1/extensions/{repository.Value}"));
            Assert.Equal(2, detail.RootElement.GetProperty("versions").GetArrayLength());
        }
    }

    internal static async Task<List<(string Id, string Type, string? Subject)>> ReadFeedAsync(ScannerTestServer server)
    {
        var events = new List<(string, string, string?)>();
        string? cursor = null;
        while (true)
        {
            using var page = JsonDocument.Parse(await server.Client.GetStringAsync($"api/v1/changes?limit=500{(cursor is null ? string.Empty : "&after=" + cursor)}"));
            var batch = page.RootElement.GetProperty("events").EnumerateArray().ToArray();
            events.AddRange(batch.Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!,
                e.TryGetProperty("subject", out var subject) ? subject.GetString() : null)));
            cursor = page.RootElement.GetProperty("cursor").GetString();
            if (batch.Length == 0)
            {
                return events;
            }
        }
    }

    private static SeedImage Image(RepositoryName repository, string build)
    {
        var labels = ExtensionLabelSets.Valid("Lease " + repository.Path, build);
        labels[LabelNames.ApiVersion] = ">= 0.2.0";
        return new SeedImage(labels);
    }
}
