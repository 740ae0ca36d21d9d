namespace Scanner.Registry;

/// <summary>How politely and how patiently the registry client talks to each host.</summary>
public sealed class RegistryHttpOptions
{
    /// <summary>Requests in flight to one registry host at once.</summary>
    public int MaxConcurrencyPerHost { get; set; } = 8;

    /// <summary>Time allowed for one request, body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request for 5xx answers, network errors, timeouts and 429.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// The per-host backoff after a first 5xx, 429 or network error; it doubles on each further one, up to
    /// <see cref="RetryMaxDelay"/>, halves on each success, and every request to the host waits it out (with jitter).
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The cap of the per-host backoff.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> pause accepted; a longer one fails the request at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tokens are renewed this long before they expire.</summary>
    public TimeSpan TokenExpiryMargin { get; set; } = TimeSpan.FromSeconds(10);
}
