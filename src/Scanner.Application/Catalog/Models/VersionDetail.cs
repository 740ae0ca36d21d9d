namespace Scanner.Application.Catalog.Models;

public sealed record VersionDetail(
    string Version,
    string Digest,
    IReadOnlyList<string> Platforms,
    string? ApiVersionRange,
    bool Valid,
    IReadOnlyList<string> Problems,
    bool Blocked,
    DateTimeOffset FirstSeen,
    IReadOnlyDictionary<string, string> Labels);
