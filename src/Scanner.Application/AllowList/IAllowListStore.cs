using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Application.AllowList;

/// <summary>
/// The repositories the service watches, and the versions operators blocked. Each change that takes effect also puts
/// its event (<c>extension.added</c>/<c>removed</c>, <c>extension.version.blocked</c>/<c>unblocked</c>) in the outbox.
/// Each mutation returns false when there was nothing to change (already present, absent, already blocked...).
/// </summary>
public interface IAllowListStore
{
    Task<IReadOnlyList<AllowListEntry>> ListAsync(CancellationToken cancellationToken = default);

    Task<AllowListEntry?> GetAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    Task<bool> AddAsync(RepositoryName repository, string? note, CancellationToken cancellationToken = default);

    Task<bool> RemoveAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    Task<bool> BlockAsync(RepositoryName repository, string version, string? note, CancellationToken cancellationToken = default);

    Task<bool> UnblockAsync(RepositoryName repository, string version, CancellationToken cancellationToken = default);
}
