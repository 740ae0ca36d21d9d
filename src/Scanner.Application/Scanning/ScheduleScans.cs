using Scanner.Application.AllowList;

namespace Scanner.Application.Scanning;

/// <summary>Function <c>ScheduleScans</c>: one scan request per allow-listed repository (at most one pending each).</summary>
public sealed class ScheduleScans(IAllowListStore allowList, ScanRequester scans)
{
    public async Task<IReadOnlyList<ScanRequestReceipt>> RunAsync(CancellationToken cancellationToken = default)
    {
        var entries = await allowList.ListAsync(cancellationToken).ConfigureAwait(false);
        return await scans.RequestAllAsync(entries.Select(e => e.Repository), ScanTriggers.Schedule, cancellationToken).ConfigureAwait(false);
    }
}
