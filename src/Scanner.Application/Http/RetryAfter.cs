using System.Net.Http.Headers;

namespace Scanner.Application.Http;

/// <summary>
/// The one reading of <c>Retry-After</c> for every outbound HTTP client (registry, subscriber delivery): the
/// delta-seconds form and the HTTP-date form, never negative.
/// </summary>
public static class RetryAfter
{
    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
