using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Scanner.Application.Catalog;
using Scanner.Application.Scanning;
using Scanner.Application.Updates;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;
using Scanner.Functions.Http;
using Scanner.Storage.Snapshot;

namespace Scanner.Functions.Tests.Http;

/// <summary>The one-pass reading of the update check's query gives what <c>request.Query</c> would have given.</summary>
public sealed class UpdateCheckQueryTests
{
    private static readonly CatalogSnapshot Catalog = CatalogSnapshot.Create(
        [new AllowListEntry(RepositoryName.Parse("docker.io/docker/ext"), DateTimeOffset.UnixEpoch, null, new HashSet<string>())],
        [new VersionRecord { Repository = "docker.io/docker/ext", Version = "1.0.0", Digest = "sha256:" + new string('a', 64), ApiVersionRange = ">= 0.3.0", IsValid = true }]);

    // The board is not asked while a query is read.
    private static readonly CheckUpdates Updates = new(new FixedSnapshots(new CatalogSnapshotView(Catalog, 1, DateTimeOffset.UnixEpoch)), new ScanStatusBoard(null!));

    [Fact]
    public void A_name_and_version_the_catalog_knows_are_the_catalogs_own_text()
    {
        var parsed = UpdateCheckQuery.Parse(new QueryString("?installed=docker.io%2Fdocker%2Fext%401.0.0&installed=docker.io%2Fdocker%2Fext%402.0.0&installed=docker.io%2Fdocker%2Fother%401.0.0"), Updates);

        var extension = Catalog.FindByNormalizedName("docker.io/docker/ext")!;
        Assert.Equal([("docker.io/docker/ext", "1.0.0"), ("docker.io/docker/ext", "2.0.0"), ("docker.io/docker/other", "1.0.0")], parsed.Installed.Select(i => (i.Repository!, i.Version!)));
        Assert.Same(extension.Repository.Value, parsed.Installed[0].Repository);
        Assert.Same(extension.FindByText("1.0.0")!.Text, parsed.Installed[0].Version);
        Assert.Same(extension.Repository.Value, parsed.Installed[1].Repository);
    }

    [Theory]
    [InlineData("127.0.0.1%3A5000%2Ftest%2Fext@1.0.0")]
    [InlineData("docker%2Flogs-explorer-extension%401.0.0")]
    [InlineData("a+b@1.0.0")]
    [InlineData("a%2Bb@1.0.0")]
    [InlineData("%25%32%46")]
    [InlineData("100%")]
    [InlineData("%4")]
    [InlineData("%zz%4g%%41")]
    [InlineData("%00%7F%7f")]
    [InlineData("caf%C3%A9%2Fext@1.0.0")]
    [InlineData("%C3")]
    [InlineData("%E2%82%AC+%F0%9F%90%B3")]
    [InlineData("%FF%FE")]
    [InlineData("")]
    [InlineData("plain/ext@2.0.0-beta.1")]
    public void An_installed_value_is_decoded_as_the_framework_decodes_it(string encoded)
    {
        var query = new QueryString("?installed=" + encoded);

        var parsed = UpdateCheckQuery.Parse(query, Updates);

        AssertRead(Expected([FrameworkValue(query, "installed")!]), parsed);
    }

    [Fact]
    public void The_first_value_without_a_repository_and_a_version_is_the_error()
    {
        var parsed = UpdateCheckQuery.Parse(new QueryString("?installed=docker%2Fext%401.0.0&installed=no-version&installed=%401.0.0"), Updates);

        Assert.Equal([("docker/ext", "1.0.0")], parsed.Installed.Select(i => (i.Repository!, i.Version!)));
        Assert.Equal("installed 'no-version' must be repository@version.", parsed.Error);
    }

    [Fact]
    public void Random_queries_are_read_as_the_framework_reads_them()
    {
        var random = new Random(20261201);
        string[] alphabet = ["a", "Z", "0", "/", ":", "@", ".", "-", "+", "%", "%2F", "%3A", "%40", "%2B", "%25", "%20", "%C3%A9", "%E2%82%AC", "%F", "%G1", "=", "é", "&"];
        for (var n = 0; n < 2000; n++)
        {
            var text = new StringBuilder("?");
            var parts = random.Next(1, 6);
            for (var p = 0; p < parts; p++)
            {
                var name = random.Next(5) switch { 0 => "installed", 1 => "Installed", 2 => "apiVersion", 3 => "includePrerelease", _ => "inst%61lled" };
                text.Append(p == 0 ? string.Empty : "&").Append(name).Append('=');
                var length = random.Next(0, random.Next(2) == 0 ? 12 : 700);
                for (var i = 0; i < length; i++)
                {
                    text.Append(alphabet[random.Next(alphabet.Length)]);
                }
            }

            var query = new QueryString(text.ToString());
            var parsed = UpdateCheckQuery.Parse(query, Updates);

            var framework = QueryHelpers.ParseQuery(query.Value);
            AssertRead(Expected(framework.TryGetValue("installed", out var installed) ? [.. installed.Select(v => v ?? string.Empty)] : []), parsed);
            Assert.Equal(framework.TryGetValue("apiVersion", out var api) ? api[0] : null, parsed.ApiVersion);
            Assert.Equal(framework.TryGetValue("includePrerelease", out var pre) ? pre[0] : null, parsed.IncludePrerelease);
        }
    }

    /// <summary>What the query holds by the framework's reading: each value split at its last '@', up to the first without one.</summary>
    private static ((string? Repository, string? Version)[] Installed, string? Error) Expected(IEnumerable<string> values)
    {
        var installed = new List<(string?, string?)>();
        foreach (var value in values)
        {
            var at = value.LastIndexOf('@');
            if (at <= 0)
            {
                return ([.. installed], $"installed '{(value.Length <= 80 ? value : value[..80] + "…")}' must be repository@version.");
            }

            installed.Add((value[..at], value[(at + 1)..]));
        }

        return ([.. installed], null);
    }

    private static void AssertRead(((string? Repository, string? Version)[] Installed, string? Error) expected, UpdateCheckQuery parsed)
    {
        Assert.Equal(expected.Installed, parsed.Installed.Select(i => (i.Repository, i.Version)));
        Assert.Equal(expected.Error, parsed.Error);
    }

    private static string? FrameworkValue(QueryString query, string name) =>
        QueryHelpers.ParseQuery(query.Value).TryGetValue(name, out var values) ? values[0] : null;

    private sealed class FixedSnapshots(CatalogSnapshotView view) : ICatalogSnapshotSource
    {
        public CatalogSnapshotView Current => view;

        public Task<CatalogSnapshotView> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(view);
    }
}
