using Azure;
using Scanner.Application.Health;
using Scanner.Storage.Feed;

namespace Scanner.Storage.Health;

/// <summary>
/// Probes Table Storage with the cheapest call the app makes anyway: the point read of the change feed's head. Any
/// failure, no answer or an error answer (a revoked role, a deleted account), becomes
/// <see cref="StorageUnavailableException"/>: either way storage cannot serve the app.
/// </summary>
public sealed class TableStorageProbe(TableChangeFeed feed) : IStorageProbe
{
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await feed.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            throw new StorageUnavailableException($"Table Storage answered the probe with {ex.Status} {ex.ErrorCode}.", ex);
        }
    }
}
