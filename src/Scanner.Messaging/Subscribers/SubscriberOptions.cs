namespace Scanner.Messaging.Subscribers;

/// <summary>Webhook delivery settings (configuration section <c>Scanner:Subscribers</c>).</summary>
public sealed class SubscriberOptions
{
    public const string SectionName = "Scanner:Subscribers";

    /// <summary>
    /// Allows plain http and receivers on loopback, link-local and private addresses. Off in production: a subscriber
    /// URL must not reach the service's own network (cloud metadata, internal services).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Delivery attempts per subscriber and event, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubles with each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time limit of one delivery request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Prepended to the subscribers table name (tests use a unique prefix per run).</summary>
    public string TableNamePrefix { get; set; } = string.Empty;
}
