using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Scanner.Testing.Registry;

/// <summary>
/// Docker Hub's pull allowance as a fault proxy plays it: <c>ratelimit-limit</c> and <c>ratelimit-remaining</c>
/// (<c>N;w=seconds</c>) on every answer, one pull spent per successful manifest GET, the full allowance back once the
/// window (started by the first request, on the test's clock) has passed.
/// </summary>
public sealed class CountdownAllowance(long limit, TimeSpan window, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<AllowanceAnswer> _answers = new();
    private long _remaining;
    private int _windows;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;

    /// <summary>Every answer the proxy gave, in order, with the allowance it announced.</summary>
    public IReadOnlyList<AllowanceAnswer> Answers => [.. _answers];

    /// <summary>A proxy rule: forwards the request and adds the headers.</summary>
    public async Task<bool> ForwardAsync(FaultProxy proxy, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var upstream = await proxy.FetchAsync(context);
        var pull = FaultProxy.IsManifest(context, "GET") && (int)upstream.Status == StatusCodes.Status200OK;
        var remaining = Answer(pull, $"{context.Request.Method} {context.Request.Path}");
        var seconds = ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(upstream.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["ratelimit-limit"] = $"{limit};w={seconds}",
            ["ratelimit-remaining"] = $"{remaining.ToString(CultureInfo.InvariantCulture)};w={seconds}",
        };
        await FaultProxy.WriteAsync(context, upstream with { Headers = headers });
        return true;
    }

    private long Answer(bool pull, string request)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _remaining = limit;
                _windowEnd = now + window;
                _windows++;
            }

            if (pull && _remaining > 0)
            {
                _remaining--;
            }

            _answers.Enqueue(new AllowanceAnswer(now, _windows, request, pull, _remaining));
            return _remaining;
        }
    }
}
