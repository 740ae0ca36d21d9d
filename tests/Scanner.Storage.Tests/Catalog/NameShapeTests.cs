using NuGet.Versioning;
using Scanner.Core.Versions;
using Scanner.Storage.Tests.Support;
using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Catalog;

[Collection(AzuriteCollection.Name)]
public class NameShapeTests(AzuriteFixture azurite)
{
    private static readonly string[] Versions =
    [
        "0.0.0", "0.0.1-0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11",
        "1.0.0-rc.1", "1.0.0", "1.0.0-Alpha.2", "1.2.3-x-y-z.--", "1.2.3-0a.00a", "10.20.30",
        "2147483647.2147483647.2147483647", "1.0.0-99999999999999999999",
    ];

    public static TheoryData<string> Repositories => new()
    {
        "docker.io/library/ubuntu",
        "docker.io/portainer/portainer-docker-extension",
        "ghcr.io/owner/group/sub/ext",
        "127.0.0.1:5000/a/b",
        "localhost/x",
        "[::1]:5000/a",
        "registry.example.com:443/a__b/c.d/e--f",
        "r.io/" + string.Join('/', Enumerable.Repeat("abcdefghij", 22)) + "/x",
    };

    [Theory]
    [MemberData(nameof(Repositories))]
    public async Task Every_legal_repository_and_version_shape_is_stored_listed_and_announced(string name)
    {
        await using var storage = await StorageHarness.CreateAsync(azurite);
        var repository = Scans.Repository(name);
        Assert.All(Versions, v => Assert.True(VersionTag.TryParse(v, out _), v));

        await storage.AllowList.AddAsync(repository, "note with / # ? \\ and ünïcødé");
        await storage.AllowList.BlockAsync(repository, "1.0.0-Alpha.2", "blocked");
        await storage.ScanAndCommitAsync(Scans.Of(repository, Scans.Epoch, [.. Versions.Select(v => Scans.Version(v))]));

        var stored = await storage.Catalog.LoadAsync(repository);
        var expectedOrder = Versions.Select(SemanticVersion.Parse).Order(VersionComparer.Default).Select(v => v.ToNormalizedString());
        Assert.Equal(expectedOrder, stored.Versions.Select(v => v.Version));
        var entry = Assert.Single(await storage.AllowList.ListAsync());
        Assert.Equal(repository, entry.Repository);
        Assert.Equal("note with / # ? \\ and ünïcødé", entry.Note);
        Assert.Equal(["1.0.0-Alpha.2"], entry.BlockedVersions);
        var feed = await storage.ReadWholeFeedAsync();
        Assert.Equal(Versions.Length + 2, feed.Count);
        Assert.All(feed, e => Assert.Equal(repository.Value, e.Repository));
    }
}
