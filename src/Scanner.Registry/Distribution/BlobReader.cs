using Scanner.Core.Repositories;
using Scanner.Registry.Http;
using Scanner.Registry.Model;

namespace Scanner.Registry.Distribution;

/// <summary>Reads config blobs: capped, redirects followed without credentials off-origin, verified before parsing.</summary>
public sealed class BlobReader(RegistryTransport transport)
{
    public async Task<ImageConfig> GetConfigAsync(RepositoryName repository, Descriptor config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Size > BodyLimits.ConfigBlob)
        {
            throw new RegistryException(RegistryErrorKind.TooLarge, $"config blob {config.Digest} of {repository} declares {config.Size} bytes, over the {BodyLimits.ConfigBlob} byte cap");
        }

        var request = new RegistryRequest(RequestKind.BlobGet, HttpMethod.Get, repository, new Uri($"/v2/{repository.Path}/blobs/{config.Digest}", UriKind.Relative))
        {
            MaxBodyBytes = BodyLimits.ConfigBlob,
            FollowRedirects = true,
        };
        var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw UnexpectedResponse.For(request, response, $"config blob {config.Digest}");
        }

        ManifestReader.Verify(request, config.Digest, config.Size, response.Body.Span);
        return ImageConfig.Parse(response.Body.Span, config.Digest);
    }
}
