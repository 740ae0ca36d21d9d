using Scanner.Core.Repositories;
using Scanner.Registry.Http;
using Scanner.Registry.Model;

namespace Scanner.Registry.Distribution;

/// <summary>
/// Reads an image's platforms and labels: the manifest or index, for an index the preferred platform's manifest
/// (else the first, attestations skipped), then the config blob. Layers are never read.
/// </summary>
public sealed class ImageReader(ManifestReader manifests, BlobReader blobs, Platform preferred)
{
    public Task<ImageDetails> ReadAsync(RepositoryName repository, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return ReadAsync(repository, digest.Value, digest, cancellationToken);
    }

    /// <summary>Reads by tag or digest text; <paramref name="expected"/> is the digest the content must match, when known.</summary>
    public async Task<ImageDetails> ReadAsync(RepositoryName repository, string reference, Digest? expected, CancellationToken cancellationToken = default)
    {
        var top = await manifests.GetAsync(repository, reference, expected, cancellationToken: cancellationToken).ConfigureAwait(false);
        switch (top)
        {
            case ImageManifest manifest:
            {
                var config = await blobs.GetConfigAsync(repository, manifest.Config, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<string> platforms = config.Platform is { IsUnknown: false } p ? [p.ToString()] : [];
                return new ImageDetails(top.Digest, platforms, config.Labels);
            }

            case ImageIndex index:
            {
                var chosen = index.Choose(preferred)
                             ?? throw new RegistryException(RegistryErrorKind.Protocol, $"index {index.Digest} of {repository} lists no image manifest");
                if (!chosen.MediaType.IsImageManifest && chosen.MediaType != default)
                {
                    throw new RegistryException(RegistryErrorKind.Protocol, $"index {index.Digest} of {repository}: entry {chosen.Digest} is {chosen.MediaType}, not an image manifest");
                }

                var platformManifest = await manifests.GetAsync(repository, chosen.Digest.Value, chosen.Digest, chosen.Size, cancellationToken).ConfigureAwait(false);
                if (platformManifest is not ImageManifest image)
                {
                    throw new RegistryException(RegistryErrorKind.Protocol, $"index {index.Digest} of {repository}: entry {chosen.Digest} is a nested index");
                }

                var config = await blobs.GetConfigAsync(repository, image.Config, cancellationToken).ConfigureAwait(false);
                return new ImageDetails(top.Digest, index.Platforms, config.Labels);
            }

            default:
                throw new RegistryException(RegistryErrorKind.Protocol, $"manifest {top.Digest} of {repository} is of an unsupported kind");
        }
    }

    internal static Platform ParsePreferred(string text) =>
        string.IsNullOrWhiteSpace(text) ? new Platform("linux", "amd64") : Platform.Parse(text.Trim());
}
