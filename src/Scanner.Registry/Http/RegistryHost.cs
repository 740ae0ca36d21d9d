namespace Scanner.Registry.Http;

/// <summary>
/// What the client knows of one registry host: its address, settings, the challenge it last sent (so later requests
/// carry credentials up front), a limit on requests in flight, a pause every request waits out after a 429, the
/// backoff that grows while it fails and shrinks while it answers, and its pull allowance.
/// </summary>
internal sealed class RegistryHost : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private DateTimeOffset _pausedUntil;
    private AuthChallenge? _challenge;

    public RegistryHost(string endpoint, RegistryHostOptions? options, RegistryHttpOptions http, TimeProvider time)
    {
        Endpoint = endpoint;
        Options = options ?? new RegistryHostOptions { Host = endpoint };
        BaseUri = new Uri((Options.Insecure ? "http://" : "https://") + (string.IsNullOrWhiteSpace(Options.Endpoint) ? endpoint : Options.Endpoint));
        var slots = Math.Max(1, http.MaxConcurrencyPerHost);
        _slots = new SemaphoreSlim(slots, slots);
        _time = time;
        Backoff = new HostBackoff(http.RetryBaseDelay, http.RetryMaxDelay);
        Pulls = new PullAllowance(Math.Max(0, Options.PullReserve));
    }

    public string Endpoint { get; }

    public RegistryHostOptions Options { get; }

    /// <summary>The origin requests go to: https unless the host is marked insecure.</summary>
    public Uri BaseUri { get; }

    public HostBackoff Backoff { get; }

    public PullAllowance Pulls { get; }

    public AuthChallenge? Challenge
    {
        get
        {
            lock (_lock)
            {
                return _challenge;
            }
        }

        set
        {
            lock (_lock)
            {
                _challenge = value;
            }
        }
    }

    /// <summary>Pauses every request to this host until <paramref name="until"/> (the later of any two pauses wins).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_lock)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>Waits out any pause and the backoff, then takes a slot; dispose the result to give the slot back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);
        var backoff = Backoff.NextWait();
        if (backoff > TimeSpan.Zero)
        {
            await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
        }

        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);

        // A 429 may have arrived while this request waited for a slot.
        try
        {
            await WaitOutPauseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return new Slot(_slots);
    }

    public bool IsSameOrigin(Uri uri) =>
        string.Equals(uri.Scheme, BaseUri.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.Authority, BaseUri.Authority, StringComparison.OrdinalIgnoreCase);

    private async Task WaitOutPauseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset until;
            lock (_lock)
            {
                until = _pausedUntil;
            }

            var wait = until - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
