using Scanner.Registry.Model;

namespace Scanner.Registry.Distribution;

/// <summary>What a manifest HEAD tells: the digest a tag points at now, and the kind and size of the manifest.</summary>
public sealed record ManifestHead(Digest Digest, MediaType MediaType, long? Size);
