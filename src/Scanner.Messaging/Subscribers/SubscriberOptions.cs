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

    /// <summary>
    /// Attempts per delivery message, the first included; after them the queue retries the message (visibility
    /// timeout) up to its dequeue limit, then poisons it.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; doubles with each further one up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts, a Retry-After included: the function holds a queue slot meanwhile.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time limit of one delivery request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
