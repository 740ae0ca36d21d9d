using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>
/// <c>scanner scan</c>: one scan of every allow-listed repository (or of one), a bounded number at a time, each under
/// its lease: a scan held elsewhere is waited for, then this one runs.
/// </summary>
public sealed class ScanAll(IAllowListStore allowList, ScanRepository scanner, IOptions<ScanOptions> options)
{
    public async Task<IReadOnlyList<RepositoryScanReport>> RunAsync(
        RepositoryName? only, Action<RepositoryScanReport, int>? progress = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<RepositoryName> targets = only is not null
            ? [only]
            : [.. (await allowList.ListAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.Repository)];
        var reports = new List<RepositoryScanReport>(targets.Count);
        await Parallel.ForEachAsync(
            targets,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.ScanConcurrency), CancellationToken = cancellationToken },
            async (repository, token) =>
            {
                var report = await scanner.ScanAsync(repository, waitForLease: true, token).ConfigureAwait(false);
                lock (reports)
                {
                    reports.Add(report);
                    progress?.Invoke(report, targets.Count);
                }
            }).ConfigureAwait(false);
        reports.Sort((a, b) => a.Repository.CompareTo(b.Repository));
        return reports;
    }
}
