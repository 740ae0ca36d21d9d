namespace Scanner.Registry.Http;

/// <summary>
/// What one host said of its pull allowance (<c>ratelimit-remaining: 76;w=21600</c>), and the pull-counted requests in
/// flight against it. A pull is allowed while the allowance, less the pulls in flight, stays above the reserve, or once
/// the window read with it (from when it was read) has passed.
/// </summary>
internal sealed class PullAllowance(int reserve)
{
    /// <summary>How long a count sent without a window is trusted: the allowance is read again by then.</summary>
    private static readonly TimeSpan UnknownWindow = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private long? _remaining;
    private DateTimeOffset _windowEnd;
    private int _inFlight;
    private long _answered;

    public int Reserve => reserve;

    public long? Remaining
    {
        get
        {
            lock (_lock)
            {
                return _remaining;
            }
        }
    }

    /// <summary>Pull-counted answers so far; a request notes it when it leaves, to tell later whether its reading may be stale.</summary>
    public long Mark
    {
        get
        {
            lock (_lock)
            {
                return _answered;
            }
        }
    }

    /// <summary>Takes the right to send one pull-counted request, or says until when there is none.</summary>
    public bool TryStart(DateTimeOffset now, out long remaining, out DateTimeOffset retryAt)
    {
        lock (_lock)
        {
            remaining = _remaining ?? -1;
            retryAt = _windowEnd;
            if (_remaining is { } known && now < _windowEnd && known - _inFlight <= reserve)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    /// <summary>
    /// Takes in what an answer said (its headers, when it had them). A reading may raise the count only if no pull was
    /// answered since its request left and no other is in flight, since it may predate them; a pull answered without a
    /// header lowers the count by one.
    /// </summary>
    /// <returns>The allowance now held, when the answer carried one.</returns>
    public long? Read(RateLimitValue? limit, RateLimitValue? remaining, bool pullCounted, bool pullSpent, long markAtSend, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (remaining is not { } reading)
            {
                if (pullSpent && _remaining is { } estimate && now < _windowEnd)
                {
                    _remaining = Math.Max(0, estimate - 1);
                }

                return null;
            }

            var othersInFlight = _inFlight - (pullCounted ? 1 : 0);
            var mayBeStale = markAtSend != _answered || othersInFlight > 0;
            var current = now < _windowEnd ? _remaining : null;
            if (current is null || reading.Count <= current || !mayBeStale)
            {
                _remaining = reading.Count;
            }

            _windowEnd = now + (reading.Window ?? limit?.Window ?? UnknownWindow);
            return _remaining;
        }
    }

    /// <summary>Ends a request started with <see cref="TryStart"/>; <paramref name="spent"/> when the registry answered it (not 429).</summary>
    public void Finish(bool spent)
    {
        lock (_lock)
        {
            _inFlight--;
            if (spent)
            {
                _answered++;
            }
        }
    }
}
