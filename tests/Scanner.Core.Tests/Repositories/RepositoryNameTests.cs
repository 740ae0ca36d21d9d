using Scanner.Core.Repositories;

namespace Scanner.Core.Tests.Repositories;

public class RepositoryNameTests
{
    [Theory]
    [InlineData("portainer/portainer-docker-extension", "docker.io/portainer/portainer-docker-extension")]
    [InlineData("index.docker.io/portainer/x", "docker.io/portainer/x")]
    [InlineData("ubuntu", "docker.io/library/ubuntu")]
    [InlineData("docker.io/ubuntu", "docker.io/library/ubuntu")]
    [InlineData("127.0.0.1:5000/a/b", "127.0.0.1:5000/a/b")]
    [InlineData("GHCR.io/Owner/Ext", "ghcr.io/owner/ext")]
    [InlineData("localhost/x", "localhost/x")]
    [InlineData("registry-1.docker.io/portainer/x", "docker.io/portainer/x")]
    [InlineData("example.com:65535/a", "example.com:65535/a")]
    [InlineData("[::1]:5000/a", "[::1]:5000/a")]
    [InlineData("  portainer/x  ", "docker.io/portainer/x")]
    public void Normalises_references(string input, string expected)
    {
        Assert.True(RepositoryName.TryParse(input, out var name, out var error), error);
        Assert.Equal(expected, name.Value);
    }

    [Theory]
    [InlineData("portainer/x:1.0", "tag")]
    [InlineData("portainer/x@sha256:abcd", "digest")]
    [InlineData("", "required")]
    [InlineData("a//b", "not a valid repository path")]
    [InlineData("\u212Aube/x", "non-ASCII")]
    [InlineData("ghcr.\u212A.io/o/x", "non-ASCII")]
    [InlineData("\u0661/x", "non-ASCII")]
    [InlineData("example.com:99999/a", "not a valid registry host")]
    [InlineData("example.com:0/a", "not a valid registry host")]
    [InlineData("https://ghcr.io/o/x", "URL")]
    [InlineData("port\u0000ainer/x", "control characters")]
    [InlineData("localhost:5000", "tag")]
    public void Rejects_what_is_not_a_repository_with_a_reason(string input, string reason)
    {
        Assert.False(RepositoryName.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_hub_is_reached_at_its_registry_host_and_others_at_their_own()
    {
        Assert.Equal("registry-1.docker.io", RepositoryName.Parse("portainer/x").RegistryEndpoint);
        Assert.Equal("127.0.0.1:5000", RepositoryName.Parse("127.0.0.1:5000/a/b").RegistryEndpoint);
    }

    [Fact]
    public void Names_longer_than_255_characters_are_refused()
    {
        var path = string.Join('/', Enumerable.Repeat(new string('a', 50), 5));
        Assert.False(RepositoryName.TryParse("ghcr.io/" + path, out _, out var error));
        Assert.Contains("at most 255", error, StringComparison.Ordinal);
        Assert.False(RepositoryName.TryParse(new string('a', 10 * 1024), out _, out _));
    }
}
