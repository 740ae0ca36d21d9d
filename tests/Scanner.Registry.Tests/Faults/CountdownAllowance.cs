using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Scanner.Registry.Tests.Faults;

/// <summary>
/// Docker Hub's pull allowance as a fault proxy plays it: <c>ratelimit-limit</c> and <c>ratelimit-remaining</c>
/// (<c>N;w=seconds</c>) on every answer, one pull spent per successful manifest GET, the full allowance back once the
/// window (started by the first request, on the test's clock) has passed.
/// </summary>
internal sealed class CountdownAllowance(long limit, TimeSpan window, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private long _remaining;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;

    /// <summary>A proxy rule: forwards the request and adds the headers.</summary>
    public async Task<bool> ForwardAsync(FaultProxy proxy, HttpContext context)
    {
        var upstream = await proxy.FetchAsync(context);
        var remaining = Answer(FaultProxy.IsManifest(context, "GET") && (int)upstream.Status == StatusCodes.Status200OK);
        var seconds = ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(upstream.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["ratelimit-limit"] = $"{limit};w={seconds}",
            ["ratelimit-remaining"] = $"{remaining.ToString(CultureInfo.InvariantCulture)};w={seconds}",
        };
        await FaultProxy.WriteAsync(context, upstream with { Headers = headers });
        return true;
    }

    private long Answer(bool pull)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _remaining = limit;
                _windowEnd = now + window;
            }

            if (pull && _remaining > 0)
            {
                _remaining--;
            }

            return _remaining;
        }
    }
}
