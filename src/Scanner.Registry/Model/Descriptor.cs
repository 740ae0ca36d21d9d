namespace Scanner.Registry.Model;

/// <summary>A reference to content: what it is, its digest and size, and for index entries its platform.</summary>
public sealed record Descriptor(MediaType MediaType, Digest Digest, long Size, Platform? Platform = null);
