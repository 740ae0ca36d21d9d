using Scanner.Registry.Model;

namespace Scanner.Registry.Distribution;

/// <summary>What a scan records of one image digest: its platforms and the labels of its representative platform.</summary>
public sealed record ImageDetails(Digest Digest, IReadOnlyList<string> Platforms, IReadOnlyDictionary<string, string> Labels);
