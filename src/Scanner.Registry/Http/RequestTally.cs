using System.Collections.Concurrent;
using Scanner.Core.Scanning;

namespace Scanner.Registry.Http;

/// <summary>
/// Requests counted for one party (a repository scan, or the whole process), and its logical requests that have not
/// finished (in flight, or ended by an exception), oldest first, so a deadline can say what it was waiting for.
/// </summary>
internal sealed class RequestTally
{
    private readonly long[] _counts = new long[Enum.GetValues<RequestKind>().Length];
    private readonly ConcurrentDictionary<long, string> _unfinished = new();
    private long _pulls;
    private long _bytes;
    private long _nextId;

    public void CountRequest(RequestKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public void CountPull() => Interlocked.Increment(ref _pulls);

    public void CountBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    /// <summary>Notes a logical request (retries and auth included) as unfinished until <see cref="Finished"/>.</summary>
    public long Started(string description)
    {
        var id = Interlocked.Increment(ref _nextId);
        _unfinished[id] = description;
        return id;
    }

    public void Finished(long id) => _unfinished.TryRemove(id, out _);

    /// <summary>The oldest request that has not finished, if any.</summary>
    public string? OldestUnfinished =>
        _unfinished.IsEmpty ? null : _unfinished.OrderBy(e => e.Key).Select(e => e.Value).FirstOrDefault();

    public RegistryRequestCounts Snapshot() => new(
        Interlocked.Read(ref _counts[(int)RequestKind.Token]),
        Interlocked.Read(ref _counts[(int)RequestKind.TagsPage]),
        Interlocked.Read(ref _counts[(int)RequestKind.ManifestHead]),
        Interlocked.Read(ref _counts[(int)RequestKind.ManifestGet]),
        Interlocked.Read(ref _counts[(int)RequestKind.BlobGet]),
        Interlocked.Read(ref _pulls),
        Interlocked.Read(ref _bytes));
}
