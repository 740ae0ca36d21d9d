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
    public void Rejects_what_is_not_a_repository_with_a_reason(string input, string reason)
    {
        Assert.False(RepositoryName.TryParse(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
