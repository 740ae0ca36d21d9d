namespace Scanner.Application.Scanning;

/// <summary>Queue <c>scan-requests</c>: one message per request that <see cref="ScanRequester"/> decided to send.</summary>
public interface IScanRequestQueue
{
    /// <summary>Enqueues the request, invisible for <paramref name="delay"/> (zero = at once).</summary>
    Task EnqueueAsync(ScanRequest request, TimeSpan delay, CancellationToken cancellationToken = default);
}
