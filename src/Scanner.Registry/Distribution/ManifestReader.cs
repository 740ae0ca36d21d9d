using Scanner.Core.Repositories;
using Scanner.Registry.Http;
using Scanner.Registry.Model;

namespace Scanner.Registry.Distribution;

/// <summary>Manifest HEAD (the digest of a tag) and GET (a manifest or index, verified before it is parsed).</summary>
public sealed class ManifestReader(RegistryTransport transport)
{
    public async Task<ManifestHead> HeadAsync(RepositoryName repository, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var request = Request(RequestKind.ManifestHead, HttpMethod.Head, repository, reference);
        var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw UnexpectedResponse.For(request, response, $"manifest {reference}");
        }

        var header = response.Header("Docker-Content-Digest");
        if (header is null)
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: no Docker-Content-Digest header");
        }

        if (!Digest.TryParse(header, out var digest, out var error))
        {
            throw new RegistryException(RegistryErrorKind.Integrity, $"{request}: {error}");
        }

        return new ManifestHead(digest, new MediaType(response.ContentType ?? string.Empty), response.ContentLength);
    }

    /// <summary>
    /// Reads a manifest by digest, or by tag (<paramref name="expected"/> null: the digest is then the registry's
    /// <c>Docker-Content-Digest</c>, checked, or the computed sha256). Refused when over the cap or not matching.
    /// </summary>
    public async Task<Manifest> GetAsync(
        RepositoryName repository, string reference, Digest? expected, long? expectedSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (expectedSize > BodyLimits.Manifest)
        {
            throw new RegistryException(RegistryErrorKind.TooLarge, $"manifest {reference} of {repository} declares {expectedSize} bytes, over the {BodyLimits.Manifest} byte cap");
        }

        var request = Request(RequestKind.ManifestGet, HttpMethod.Get, repository, reference) with { MaxBodyBytes = BodyLimits.Manifest };
        var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw UnexpectedResponse.For(request, response, $"manifest {reference}");
        }

        var body = response.Body.Span;
        var digest = expected;
        if (digest is null && response.Header("Docker-Content-Digest") is { } header && !Digest.TryParse(header, out digest, out var error))
        {
            throw new RegistryException(RegistryErrorKind.Integrity, $"{request}: {error}");
        }

        digest ??= Digest.Compute(body);
        Verify(request, digest, expectedSize, body);
        return Manifest.Parse(body, new MediaType(response.ContentType ?? string.Empty), digest);
    }

    internal static void Verify(RegistryRequest request, Digest digest, long? expectedSize, ReadOnlySpan<byte> body)
    {
        if (expectedSize is { } size && size != body.Length)
        {
            throw new RegistryException(RegistryErrorKind.Integrity, $"{request}: {body.Length} bytes received, {size} declared");
        }

        if (!digest.Matches(body))
        {
            throw new RegistryException(RegistryErrorKind.Integrity, $"{request}: content does not match digest {digest}");
        }
    }

    private static RegistryRequest Request(RequestKind kind, HttpMethod method, RepositoryName repository, string reference) =>
        new(kind, method, repository, new Uri($"/v2/{repository.Path}/manifests/{Uri.EscapeDataString(reference)}", UriKind.Relative))
        {
            Accept = MediaType.Manifests,
        };
}
