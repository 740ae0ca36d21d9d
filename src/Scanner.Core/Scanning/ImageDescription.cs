using Scanner.Core.Labels;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>One image as read from its registry: digest, platforms and labels (with their verdict).</summary>
public sealed record ImageDescription(
    RepositoryName Repository,
    string Reference,
    string Digest,
    IReadOnlyList<string> Platforms,
    ExtensionLabels Labels);
