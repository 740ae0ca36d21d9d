using Scanner.Application.Outcomes;
using Scanner.Application.Relay;
using Scanner.Core.Repositories;
using Scanner.Core.Versions;

namespace Scanner.Application.AllowList;

/// <summary>
/// Function <c>ManageBlocks</c>: block or unblock one version (<c>repository@version</c>), so clients are never
/// offered it. The change announces itself and is relayed before the answer.
/// </summary>
public sealed class ManageBlocks(IAllowListStore allowList, RelayOutbox relay)
{
    public async Task<Outcome<BlockedVersion>> BlockAsync(string? target, string? note, CancellationToken cancellationToken = default)
    {
        if (Parse(target) is { Error: { } error })
        {
            return Outcome<BlockedVersion>.Invalid(error);
        }

        var (name, version, _) = Parse(target);
        if (await allowList.GetAsync(name!, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<BlockedVersion>.NotFound($"{name} is not on the allow-list.");
        }

        await allowList.BlockAsync(name!, version!, note, cancellationToken).ConfigureAwait(false);
        await relay.RelayAsync(name!, cancellationToken).ConfigureAwait(false);
        return Outcome<BlockedVersion>.Ok(new BlockedVersion(name!.Value, version!, true));
    }

    public async Task<Outcome<BlockedVersion>> UnblockAsync(string? target, CancellationToken cancellationToken = default)
    {
        var (name, version, error) = Parse(target);
        if (error is not null)
        {
            return Outcome<BlockedVersion>.Invalid(error);
        }

        if (!await allowList.UnblockAsync(name!, version!, cancellationToken).ConfigureAwait(false))
        {
            return Outcome<BlockedVersion>.NotFound($"{name}@{version} is not blocked.");
        }

        await relay.RelayAsync(name!, cancellationToken).ConfigureAwait(false);
        return Outcome<BlockedVersion>.Ok(new BlockedVersion(name!.Value, version!, false));
    }

    private static (RepositoryName? Repository, string? Version, string? Error) Parse(string? target)
    {
        var at = target?.LastIndexOf('@') ?? -1;
        if (target is null || at <= 0)
        {
            return (null, null, "The path must end in repository@version, such as docker.io/acme/ext@1.2.0.");
        }

        if (!RepositoryName.TryParse(target[..at], out var name, out var error))
        {
            return (null, null, error);
        }

        var versionText = target[(at + 1)..];
        return VersionTag.TryParse(versionText, out var version)
            ? (name, VersionTag.Format(version), null)
            : (null, null, $"'{(versionText.Length > 80 ? versionText[..80] : versionText)}' is not a SemVer version such as 1.2.0.");
    }
}
