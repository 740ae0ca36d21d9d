namespace Scanner.Application.Subscribers;

/// <summary>
/// A webhook receiver of change events. <see cref="Secret"/> signs every delivery; it is write-only through the API
/// (see <see cref="ToInfo"/>) and kept out of <see cref="ToString"/> so it cannot reach a log line.
/// </summary>
/// <param name="EventTypes">The event types to deliver; empty means all.</param>
public sealed record Subscriber(string Id, Uri Url, string Secret, IReadOnlyList<string> EventTypes, DateTimeOffset CreatedAt)
{
    public bool Accepts(string eventType) =>
        EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>What the admin API shows: everything but the secret.</summary>
    public SubscriberInfo ToInfo() => new(Id, Url, EventTypes, CreatedAt);

    public override string ToString() => $"Subscriber {Id} ({Url.GetLeftPart(UriPartial.Path)})";
}
