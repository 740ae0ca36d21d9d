using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>
/// A request to scan one repository, as it travels on queue <c>scan-requests</c> and as the API reports it. Computed
/// once, by <see cref="ScanRequester"/>; what the API answers is what was enqueued.
/// </summary>
/// <param name="Repository">The normalised repository name.</param>
/// <param name="RequestedAt">When the request was made; a scan that started before it has not seen it.</param>
/// <param name="Trigger">Why: <c>schedule</c>, <c>webhook</c>, <c>admin</c>, <c>startup</c>, <c>follow-up</c>.</param>
public sealed record ScanRequest(string Repository, DateTimeOffset RequestedAt, string Trigger)
{
    public static ScanRequest For(RepositoryName repository, DateTimeOffset requestedAt, string trigger)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return new ScanRequest(repository.Value, requestedAt, trigger);
    }
}
