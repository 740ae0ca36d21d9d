using Scanner.Core.Scanning;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Auth;

[Collection(TokenAuthCollection.Name)]
public sealed class TokenAuthTests(TokenAuthRegistryFixture registry)
{
    [Fact]
    public async Task Scan_fetches_one_token_per_repository_and_reuses_it_until_it_expires()
    {
        var repository = registry.Seeder.NewRepository("token");
        for (var i = 0; i < 5; i++)
        {
            await registry.Seeder.PushAsync(repository, $"1.{i}.0", new SeedImage(ExtensionLabelSets.Valid("Token", $"{i}")));
        }

        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true);
        var issued = registry.Server.TokenIssuer!.Requests;

        var cold = await harness.ScanAsync(StoredRepository.Empty(repository));
        var warm = await harness.ScanAsync(ScannerHarness.Commit(StoredRepository.Empty(repository), cold.Result));

        Assert.Equal(5, cold.Result.Versions.Count);
        Assert.Equal(new RegistryRequestCounts(Token: 1, TagsPage: 2, ManifestHead: 5, ManifestGet: 5, BlobGet: 5, Pulls: 5, cold.Requests.Bytes), cold.Requests);
        // After one committed scan: the newest 3, and of the other 2 the one whose turn it is.
        Assert.Equal(new RegistryRequestCounts(Token: 0, TagsPage: 1, ManifestHead: 4, ManifestGet: 0, BlobGet: 0, Pulls: 0, warm.Requests.Bytes), warm.Requests);
        Assert.Equal(1, registry.Server.TokenIssuer.Requests - issued);
    }

    [Fact]
    public async Task Many_requests_needing_one_scope_at_once_share_one_token_fetch()
    {
        var repository = registry.Seeder.NewRepository("tokenshared");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Shared")));
        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true);

        // Eight reads start before any challenge is known: all are refused once, then wait for the same token.
        var descriptions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.Inspector.InspectAsync(repository, "1.0.0")));

        Assert.All(descriptions, d => Assert.Equal("Shared", d.Labels.Title));
        Assert.Equal(1, harness.Counts.Token);
    }

    [Fact]
    public async Task Scans_of_two_repositories_at_once_each_get_their_own_scope()
    {
        var first = registry.Seeder.NewRepository("tokena");
        var second = registry.Seeder.NewRepository("tokenb");
        await registry.Seeder.PushAsync(first, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("A")));
        await registry.Seeder.PushAsync(second, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("B")));
        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true);

        var outcomes = await Task.WhenAll(
            harness.Scanner.ScanAsync(StoredRepository.Empty(first)),
            harness.Scanner.ScanAsync(StoredRepository.Empty(second)));

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Failure));
        Assert.Equal(2, harness.Counts.Token);
    }

    [Fact]
    public async Task Scan_with_credentials_the_token_service_refuses_fails_as_unauthorized()
    {
        var repository = registry.Seeder.NewRepository("tokenwrong");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()));
        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true, password: "wrong");

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(repository));

        Assert.StartsWith("Unauthorized:", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("token service answered 401", outcome.Failure, StringComparison.Ordinal);
    }
}
