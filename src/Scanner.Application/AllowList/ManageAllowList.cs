using Scanner.Application.Outcomes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Application.AllowList;

/// <summary>
/// Function <c>ManageAllowList</c>: list, read, add and remove allow-listed repositories. An addition or removal
/// announces itself through the outbox and is relayed before the answer, so the feed and this instance's catalog
/// show it; a new repository gets its first scan requested at once.
/// </summary>
public sealed class ManageAllowList(IAllowListStore allowList, RelayOutbox relay, ScanRequester scans)
{
    public Task<IReadOnlyList<AllowListEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        allowList.ListAsync(cancellationToken);

    public async Task<Outcome<AllowListEntry>> GetAsync(string? repository, CancellationToken cancellationToken = default)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Outcome<AllowListEntry>.Invalid(error);
        }

        var entry = await allowList.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return entry is null ? Outcome<AllowListEntry>.NotFound($"{name} is not on the allow-list.") : Outcome<AllowListEntry>.Ok(entry);
    }

    public async Task<Outcome<AllowListChange>> AddAsync(string? repository, string? note, string trigger, CancellationToken cancellationToken = default)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Outcome<AllowListChange>.Invalid(error);
        }

        var added = await allowList.AddAsync(name, note, cancellationToken).ConfigureAwait(false);
        await relay.RelayAsync(name, cancellationToken).ConfigureAwait(false);
        var scan = added ? await scans.RequestAsync(name, trigger, cancellationToken).ConfigureAwait(false) : null;
        var entry = await allowList.GetAsync(name, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            return Outcome<AllowListChange>.NotFound($"{name} was removed while it was being added.");
        }

        var change = new AllowListChange(entry, scan);
        return added ? Outcome<AllowListChange>.Created(change) : Outcome<AllowListChange>.Ok(change);
    }

    public async Task<Outcome<RepositoryName>> RemoveAsync(string? repository, CancellationToken cancellationToken = default)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Outcome<RepositoryName>.Invalid(error);
        }

        if (!await allowList.RemoveAsync(name, cancellationToken).ConfigureAwait(false))
        {
            return Outcome<RepositoryName>.NotFound($"{name} is not on the allow-list.");
        }

        await relay.RelayAsync(name, cancellationToken).ConfigureAwait(false);
        return Outcome<RepositoryName>.Ok(name);
    }
}
