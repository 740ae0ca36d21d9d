using Scanner.Core.Repositories;
using Scanner.Registry.Http;
using Scanner.Registry.Tests.Support;

namespace Scanner.Registry.Tests.Http;

public sealed class RegistryTransportOriginTests
{
    [Fact]
    public void Hosts_are_reached_over_https_unless_marked_insecure()
    {
        var options = new RegistryOptions();
        options.Registries.Add(new RegistryHostOptions { Host = "127.0.0.1:5000", Insecure = true });
        using var telemetry = new TestTelemetry();
        using var transport = new RegistryTransport(options, telemetry.Telemetry);

        Assert.Equal(new Uri("https://ghcr.io"), transport.BaseUriFor(RepositoryName.Parse("ghcr.io/a/b")));
        Assert.Equal(new Uri("https://registry-1.docker.io"), transport.BaseUriFor(RepositoryName.Parse("portainer/extension")));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), transport.BaseUriFor(RepositoryName.Parse("127.0.0.1:5000/a/b")));
    }

    [Fact]
    public async Task Request_to_an_absolute_address_on_another_origin_is_refused_before_sending()
    {
        using var telemetry = new TestTelemetry();
        using var transport = new RegistryTransport(new RegistryOptions(), telemetry.Telemetry);
        var repository = RepositoryName.Parse("ghcr.io/a/b");
        var request = new RegistryRequest(RequestKind.TagsPage, HttpMethod.Get, repository, new Uri("https://evil.example/v2/a/b/tags/list"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => transport.SendAsync(request));

        Assert.Equal(RegistryErrorKind.Protocol, error.Kind);
        Assert.Equal(0, transport.Accounting.Snapshot().Total);
    }
}
