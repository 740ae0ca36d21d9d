namespace Scanner.Testing.Registry;

/// <summary>What the seeder pushed: the top manifest's digest, media type and bytes (to tag it again).</summary>
public sealed record PushedImage(string Digest, string MediaType, byte[] Manifest, IReadOnlyList<string> Platforms);
