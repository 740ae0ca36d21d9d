namespace Scanner.Registry.Model;

/// <summary>One image's manifest (OCI or Docker schema 2): only the config matters, layers are never read.</summary>
public sealed record ImageManifest(MediaType MediaType, Digest Digest, Descriptor Config) : Manifest(MediaType, Digest);
