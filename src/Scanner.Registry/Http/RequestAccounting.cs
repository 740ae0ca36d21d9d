using System.Diagnostics.Metrics;

namespace Scanner.Registry.Http;

/// <summary>
/// Counts every request sent (retries, auth round trips and redirect hops included) by kind, and the body bytes
/// received; readable with <see cref="Snapshot"/> and exported as <c>scanner.registry.requests</c> and
/// <c>scanner.registry.response.bytes</c> on the <c>Scanner.Registry</c> meter.
/// </summary>
public sealed class RequestAccounting : IDisposable
{
    public const string MeterName = "Scanner.Registry";

    private readonly long[] _counts = new long[Enum.GetValues<RequestKind>().Length];
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _bytes;
    private long _totalBytes;

    public RequestAccounting(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _requests = _meter.CreateCounter<long>("scanner.registry.requests", "{request}", "Registry requests sent, by kind and host.");
        _bytes = _meter.CreateCounter<long>("scanner.registry.response.bytes", "By", "Response body bytes received from registries.");
    }

    public RequestCounts Snapshot() => new(
        Interlocked.Read(ref _counts[(int)RequestKind.Token]),
        Interlocked.Read(ref _counts[(int)RequestKind.TagsPage]),
        Interlocked.Read(ref _counts[(int)RequestKind.ManifestHead]),
        Interlocked.Read(ref _counts[(int)RequestKind.ManifestGet]),
        Interlocked.Read(ref _counts[(int)RequestKind.BlobGet]),
        Interlocked.Read(ref _totalBytes));

    internal void CountRequest(RequestKind kind, string host)
    {
        Interlocked.Increment(ref _counts[(int)kind]);
        _requests.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()), new KeyValuePair<string, object?>("host", host));
    }

    internal void CountBytes(RequestKind kind, string host, long bytes)
    {
        Interlocked.Add(ref _totalBytes, bytes);
        _bytes.Add(bytes, new KeyValuePair<string, object?>("kind", kind.ToString()), new KeyValuePair<string, object?>("host", host));
    }

    public void Dispose() => _meter.Dispose();
}
