using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>A repository the service watches, with the versions an operator has blocked.</summary>
public sealed record AllowListEntry(
    RepositoryName Repository,
    DateTimeOffset AddedAt,
    string? Note,
    IReadOnlySet<string> BlockedVersions);
