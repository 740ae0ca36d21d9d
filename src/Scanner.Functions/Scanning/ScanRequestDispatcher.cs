using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Functions.Scanning;

/// <summary>Turns "scan these repositories" into scan requests with the one-per-minute message id rule.</summary>
public sealed class ScanRequestDispatcher(IAllowListStore allowList, IScanRequestSender sender, TimeProvider time)
{
    public async Task<IReadOnlyList<ScanRequest>> RequestAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        var request = ScanRequest.For(repository, time.GetUtcNow());
        await sender.SendAsync([request], cancellationToken).ConfigureAwait(false);
        return [request];
    }

    public async Task<IReadOnlyList<ScanRequest>> RequestAllAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var entries = await allowList.ListAsync(cancellationToken).ConfigureAwait(false);
        var requests = entries.Select(e => ScanRequest.For(e.Repository, now)).ToArray();
        if (requests.Length > 0)
        {
            await sender.SendAsync(requests, cancellationToken).ConfigureAwait(false);
        }

        return requests;
    }
}
