using Scanner.Application.Telemetry;
using Scanner.Core.Scanning;

namespace Scanner.Registry.Http;

/// <summary>
/// Counts every request sent (retries, auth round trips and redirect hops included) by kind, the pulls spent and the
/// body bytes received: for the process (<see cref="Snapshot"/>) and for the scan whose async flow sent it
/// (<see cref="Attribute"/>), and records each exchange on <c>scanner.registry.requests</c> of the <c>Scanner</c> meter.
/// </summary>
public sealed class RequestAccounting
{
    private readonly RequestTally _total = new();
    private readonly AsyncLocal<RequestTally?> _current = new();
    private readonly ScannerTelemetry _telemetry;

    internal RequestAccounting(ScannerTelemetry telemetry)
    {
        _telemetry = telemetry;
    }

    public RegistryRequestCounts Snapshot() => _total.Snapshot();

    /// <summary>The tally of the scan this async flow belongs to, if any.</summary>
    internal RequestTally? Current => _current.Value;

    /// <summary>
    /// Until the result is disposed, requests sent from this async flow, and from every flow it starts, are counted in
    /// <paramref name="tally"/> too. Call from the async method that owns the scan: the flow's value ends with it, so
    /// concurrent scans through one transport never count each other's requests.
    /// </summary>
    internal IDisposable Attribute(RequestTally tally)
    {
        var previous = _current.Value;
        _current.Value = tally;
        return new Restore(_current, previous);
    }

    internal void CountRequest(RequestKind kind)
    {
        _total.CountRequest(kind);
        Current?.CountRequest(kind);
    }

    /// <summary>One HTTP exchange ended; <paramref name="status"/> is null when no answer came.</summary>
    internal void CountExchange(RequestKind kind, Uri uri, int? status)
    {
        var pullCounted = kind.IsPullCounted();
        if (pullCounted && status is { } answered && answered != 429)
        {
            _total.CountPull();
            Current?.CountPull();
        }

        _telemetry.RecordRegistryRequest(uri.Host, uri.Port, kind.ToWireName(), pullCounted, status);
    }

    internal void CountBytes(long bytes)
    {
        _total.CountBytes(bytes);
        Current?.CountBytes(bytes);
    }

    private sealed class Restore(AsyncLocal<RequestTally?> current, RequestTally? previous) : IDisposable
    {
        public void Dispose() => current.Value = previous;
    }
}
