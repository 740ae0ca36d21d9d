using Scanner.Application.AllowList;
using Scanner.Application.Outcomes;
using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>Function <c>TriggerScan</c>: an operator asks for a scan of one allow-listed repository, or of all.</summary>
public sealed class TriggerScan(IAllowListStore allowList, ScanRequester scans)
{
    public async Task<Outcome<IReadOnlyList<ScanRequestReceipt>>> RunAsync(string? repository, CancellationToken cancellationToken = default)
    {
        if (repository is null)
        {
            var entries = await allowList.ListAsync(cancellationToken).ConfigureAwait(false);
            return Outcome<IReadOnlyList<ScanRequestReceipt>>.Ok(
                await scans.RequestAllAsync(entries.Select(e => e.Repository), ScanTriggers.Admin, cancellationToken).ConfigureAwait(false));
        }

        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Outcome<IReadOnlyList<ScanRequestReceipt>>.Invalid(error);
        }

        if (await allowList.GetAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            return Outcome<IReadOnlyList<ScanRequestReceipt>>.NotFound($"{name} is not on the allow-list.");
        }

        return Outcome<IReadOnlyList<ScanRequestReceipt>>.Ok([await scans.RequestAsync(name, ScanTriggers.Admin, cancellationToken).ConfigureAwait(false)]);
    }
}
