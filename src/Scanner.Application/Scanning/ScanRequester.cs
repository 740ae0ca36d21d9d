using Microsoft.Extensions.Logging;
using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>
/// Requests scans (webhooks, the timer, the admin API, start-up): records each request in the repository's
/// bookkeeping and sends a <c>scan-requests</c> message only when none is pending and no scan is running, so a burst
/// of requests costs one message and one scan, and a request during a scan gives exactly one follow-up.
/// </summary>
public sealed partial class ScanRequester(
    IScanStateStore states,
    IScanRequestQueue queue,
    TimeProvider time,
    ILogger<ScanRequester> logger)
{
    private const int MaxWriteAttempts = 10;

    /// <summary>
    /// A message waits this long before a scan may take it, so requests of one burst (Docker Hub sends a webhook per
    /// pushed tag) find it pending and join it: one scan, not a scan and a follow-up per request.
    /// </summary>
    public static readonly TimeSpan CoalescingWindow = TimeSpan.FromSeconds(2);

    public async Task<ScanRequestReceipt> RequestAsync(RepositoryName repository, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await states.ReadAsync(repository, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var request = ScanRequest.For(repository, now, trigger);
            var (disposition, write) = ScanLeaseRules.OnRequest(stored.Bookkeeping, now, ScanOptions.PendingExpiry);
            if (write is null)
            {
                LogCoalesced(repository.Value, trigger, disposition);
                return new ScanRequestReceipt(request, disposition);
            }

            if (await states.TryWriteAsync(stored, write, cancellationToken).ConfigureAwait(false) is null)
            {
                // Another request or a scan moved the bookkeeping: decide again on what it wrote.
                if (attempt == MaxWriteAttempts)
                {
                    throw new InvalidOperationException($"The scan bookkeeping of {repository} changed {MaxWriteAttempts} times in a row while recording a request.");
                }

                continue;
            }

            if (disposition == ScanRequestDisposition.Enqueued)
            {
                await queue.EnqueueAsync(request, CoalescingWindow, cancellationToken).ConfigureAwait(false);
            }

            LogRequested(repository.Value, trigger, disposition);
            return new ScanRequestReceipt(request, disposition);
        }
    }

    public async Task<IReadOnlyList<ScanRequestReceipt>> RequestAllAsync(IEnumerable<RepositoryName> repositories, string trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        var receipts = new List<ScanRequestReceipt>();
        foreach (var repository in repositories)
        {
            receipts.Add(await RequestAsync(repository, trigger, cancellationToken).ConfigureAwait(false));
        }

        return receipts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan of {Repository} requested ({Trigger}): {Disposition}")]
    private partial void LogRequested(string repository, string trigger, ScanRequestDisposition disposition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scan of {Repository} requested ({Trigger}): {Disposition}, nothing to write")]
    private partial void LogCoalesced(string repository, string trigger, ScanRequestDisposition disposition);
}
