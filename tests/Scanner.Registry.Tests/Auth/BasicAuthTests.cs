using Scanner.Core.Scanning;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Auth;

[Collection(BasicAuthCollection.Name)]
public sealed class BasicAuthTests(BasicAuthRegistryFixture registry)
{
    [Fact]
    public async Task Scan_answers_the_Basic_challenge_once_then_sends_credentials_up_front()
    {
        var repository = registry.Seeder.NewRepository("basic");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("Basic", "1")));
        await registry.Seeder.PushAsync(repository, "1.1.0", new SeedImage(ExtensionLabelSets.Valid("Basic", "2")));
        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true);
        // The seeder's last requests may still be on their way into the log: take the mark once it is quiet.
        await registry.Server.AccessLog.WaitForQuietAsync();
        var mark = registry.Server.AccessLog.Count;

        var (result, requests) = await harness.ScanAsync(StoredRepository.Empty(repository));

        Assert.Equal(2, result.Versions.Count);
        Assert.Equal(new RegistryRequestCounts(0, TagsPage: 2, ManifestHead: 2, ManifestGet: 2, BlobGet: 2, Pulls: 2, requests.Bytes), requests);
        var log = await registry.Server.AccessLog.ForRepositoryAsync(repository.Path, mark);
        Assert.Equal(1, log.Count(e => e.Status == 401));
        Assert.Equal(requests.Total, log.Count);
    }

    [Fact]
    public async Task Scan_without_credentials_fails_as_unauthorized_and_says_none_are_configured()
    {
        var repository = registry.Seeder.NewRepository("basicnone");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()));
        using var harness = new ScannerHarness(registry.Server.Host);

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(repository));

        Assert.StartsWith("Unauthorized:", outcome.Failure, StringComparison.Ordinal);
        Assert.Contains("none are configured", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_a_wrong_password_fails_as_unauthorized_after_one_answer()
    {
        var repository = registry.Seeder.NewRepository("basicwrong");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid()));
        using var harness = new ScannerHarness(registry.Server.Host, withCredentials: true, password: "Not-The-Password-42");

        var outcome = await harness.Scanner.ScanAsync(StoredRepository.Empty(repository));

        Assert.StartsWith("Unauthorized:", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(2, harness.Counts.TagsPage);
        Assert.DoesNotContain("Not-The-Password-42", outcome.Failure, StringComparison.Ordinal);
    }
}
