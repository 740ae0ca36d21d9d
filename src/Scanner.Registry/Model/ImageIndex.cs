namespace Scanner.Registry.Model;

/// <summary>A multi-platform image: an OCI index or a Docker manifest list.</summary>
public sealed record ImageIndex(MediaType MediaType, Digest Digest, IReadOnlyList<Descriptor> Manifests) : Manifest(MediaType, Digest)
{
    /// <summary>Entries that are runnable images: attestation manifests (<c>unknown/unknown</c>) are left out.</summary>
    public IReadOnlyList<Descriptor> Images =>
        Manifests.Where(m => m.Platform is not { IsUnknown: true }).ToList();

    /// <summary>Every platform of the image, in index order, each once.</summary>
    public IReadOnlyList<string> Platforms =>
        Images.Where(m => m.Platform is not null).Select(m => m.Platform!.ToString()).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The entry whose labels represent the image: the preferred platform, else the first image.</summary>
    public Descriptor? Choose(Platform preferred)
    {
        var images = Images;
        return images.FirstOrDefault(m => m.Platform == preferred) ?? (images.Count > 0 ? images[0] : null);
    }
}
