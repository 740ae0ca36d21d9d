namespace Scanner.Registry.Http;

/// <summary>
/// The delay every request to one host waits before it is sent: zero while the host answers, the base delay after a
/// 5xx, 429 or network error, doubled on each further one up to the cap, and halved on each success (below the base it
/// is gone), so a struggling host sees less traffic from every scan at once and a recovered one is soon at full speed.
/// </summary>
internal sealed class HostBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly Lock _lock = new();
    private TimeSpan _delay;

    /// <summary>The delay without jitter.</summary>
    public TimeSpan Current
    {
        get
        {
            lock (_lock)
            {
                return _delay;
            }
        }
    }

    public void Failed()
    {
        lock (_lock)
        {
            var doubled = _delay == TimeSpan.Zero ? baseDelay : _delay * 2;
            _delay = doubled > maxDelay ? maxDelay : doubled;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            var halved = _delay / 2;
            _delay = halved < baseDelay ? TimeSpan.Zero : halved;
        }
    }

    /// <summary>The wait before the next request: between half and all of <see cref="Current"/>.</summary>
    public TimeSpan NextWait()
    {
        var delay = Current;
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        // Jitter spreads the retries of many scanners hitting one registry; it is not security relevant.
#pragma warning disable CA5394
        return delay * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
    }
}
