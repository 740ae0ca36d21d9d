using System.Globalization;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>
/// A request to scan one repository. <see cref="MessageId"/> is <c>scan:{repository}:{UTC minute}</c>, so the queue's
/// duplicate detection turns a burst of requests for one repository into one scan.
/// </summary>
public sealed record ScanRequest(string Repository, string MessageId)
{
    public static ScanRequest For(RepositoryName repository, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var minute = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        return new ScanRequest(repository.Value, $"scan:{repository.Value}:{minute}");
    }
}
