using Scanner.Core.Repositories;
using Scanner.Registry.Model;

namespace Scanner.Registry.Http;

/// <summary>
/// A distribution API request described as data. <see cref="Target"/> is relative to the registry's base address
/// (<c>/v2/...</c>) or absolute (a <c>Link</c> already checked to be on the registry's origin).
/// </summary>
public sealed record RegistryRequest(RequestKind Kind, HttpMethod Method, RepositoryName Repository, Uri Target)
{
    public IReadOnlyList<MediaType> Accept { get; init; } = [];

    /// <summary>The most body bytes accepted; more fails the request with <see cref="RegistryErrorKind.TooLarge"/>.</summary>
    public long MaxBodyBytes { get; init; } = BodyLimits.Ignored;

    /// <summary>Blob GETs follow redirects (to storage backends); a redirect to another origin carries no credentials.</summary>
    public bool FollowRedirects { get; init; }

    // An absolute Target (a checked Link) already names the registry.
    public override string ToString() =>
        Target.IsAbsoluteUri ? $"{Method} {Target}" : $"{Method} {Repository.RegistryEndpoint}{Target}";
}
