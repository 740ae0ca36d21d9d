namespace Scanner.Registry.Http;

/// <summary>Exponential backoff with jitter: attempt n waits about base * 2^(n-1), between half and all of it.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);

        // Jitter spreads the retries of many scanners hitting one registry; it is not security relevant.
#pragma warning disable CA5394
        var jittered = capped * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(jittered);
    }
}
