using Scanner.Core.Labels;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Registry.Distribution;
using Scanner.Registry.Model;

namespace Scanner.Registry.Scanning;

/// <summary>Reads the platforms and labels of one image by tag or digest, for <c>scanner validate</c>.</summary>
public sealed class ImageInspector(ImageReader images) : IImageInspector
{
    public async Task<ImageDescription> InspectAsync(RepositoryName repository, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);

        Digest? expected = null;
        if (reference.Contains(':', StringComparison.Ordinal) && !Digest.TryParse(reference, out expected, out var error))
        {
            throw new ImageInspectionException($"'{reference}' is neither a tag nor a digest: {error}");
        }

        try
        {
            var details = await images.ReadAsync(repository, reference, expected, cancellationToken).ConfigureAwait(false);
            return new ImageDescription(repository, reference, details.Digest.Value, details.Platforms, ExtensionLabels.Read(details.Labels));
        }
        catch (RegistryException exception)
        {
            throw new ImageInspectionException($"{repository.Value}:{reference} could not be read ({exception.Kind}): {exception.Message}", exception);
        }
    }
}
