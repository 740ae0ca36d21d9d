using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Scanner.Application.Telemetry;

/// <summary>
/// The app's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <see cref="Name"/> (DESIGN section 11),
/// and every instrument on it. Registered once as a singleton; the meter comes from the host's <see cref="IMeterFactory"/>,
/// so nothing here is static or shared between hosts. Attribute values are names, kinds, statuses and counts only: a
/// token, credential or <c>Authorization</c> value never becomes an attribute.
/// </summary>
public sealed class ScannerTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter; exporters listen to it.</summary>
    public const string Name = "Scanner";

    /// <summary>Metric names, as exported.</summary>
    public const string ScanDurationMetric = "scanner.scan.duration";

    public const string RegistryRequestsMetric = "scanner.registry.requests";

    public const string PullAllowanceRemainingMetric = "scanner.registry.pull_allowance.remaining";

    public const string EventsPublishedMetric = "scanner.events.published";

    public const string OutboxOldestAgeMetric = "scanner.outbox.oldest_age";

    public const string SubscriberDeliveriesMetric = "scanner.subscriber.deliveries";

    public const string PoisonMessagesMetric = "scanner.queue.poison_messages";

    /// <summary>Attribute names (OpenTelemetry semantic conventions where one exists).</summary>
    public const string ServerAddressAttribute = "server.address";

    public const string ServerPortAttribute = "server.port";

    public const string StatusCodeAttribute = "http.response.status_code";

    public const string RequestMethodAttribute = "http.request.method";

    public const string ErrorTypeAttribute = "error.type";

    public const string RequestKindAttribute = "scanner.registry.request.kind";

    public const string PullCountedAttribute = "scanner.registry.pull_counted";

    public const string OutcomeAttribute = "outcome";

    /// <summary>The repository a scan span is about.</summary>
    public const string RepositoryAttribute = "scanner.repository";

    /// <summary>How many change events a commit or relay span carried.</summary>
    public const string EventsAttribute = "scanner.events";

    public const string TypeAttribute = "type";

    public const string DestinationAttribute = "destination";

    public const string QueueAttribute = "queue";

    /// <summary>Values of <see cref="DestinationAttribute"/>.</summary>
    public const string FeedDestination = "feed";

    public const string ServiceBusDestination = "servicebus";

    public const string SubscriberDestination = "subscriber";

    private readonly Histogram<double> _scanDuration;
    private readonly Counter<long> _registryRequests;
    private readonly Gauge<long> _pullAllowanceRemaining;
    private readonly Counter<long> _eventsPublished;
    private readonly Gauge<double> _outboxOldestAge;
    private readonly Counter<long> _subscriberDeliveries;
    private readonly Gauge<long> _poisonMessages;

    public ScannerTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ActivitySource = new ActivitySource(Name);
        Meter = meterFactory.Create(new MeterOptions(Name));
        _scanDuration = Meter.CreateHistogram<double>(ScanDurationMetric, "s", "Duration of one repository scan, by outcome.");
        _registryRequests = Meter.CreateCounter<long>(
            RegistryRequestsMetric, "{request}", "Registry HTTP exchanges (retries and auth round trips included), by host, kind, status and whether the registry counts it as a pull.");
        _pullAllowanceRemaining = Meter.CreateGauge<long>(
            PullAllowanceRemainingMetric, "{pull}", "Pulls left in the registry's current window, from its ratelimit-remaining header.");
        _eventsPublished = Meter.CreateCounter<long>(EventsPublishedMetric, "{event}", "Change events published, by type and destination (feed, servicebus, subscriber).");
        _outboxOldestAge = Meter.CreateGauge<double>(OutboxOldestAgeMetric, "s", "Age of the oldest outbox entry not yet relayed.");
        _subscriberDeliveries = Meter.CreateCounter<long>(SubscriberDeliveriesMetric, "{delivery}", "Signed webhook deliveries to subscribers, by outcome.");
        _poisonMessages = Meter.CreateGauge<long>(PoisonMessagesMetric, "{message}", "Messages in a poison queue, by queue.");
    }

    /// <summary>Starts spans: one per repository scan, with child spans for registry requests, the commit and the relay.</summary>
    public ActivitySource ActivitySource { get; }

    public Meter Meter { get; }

    /// <summary><c>scanner.scan.duration</c>: one repository scan took <paramref name="duration"/> and ended as <paramref name="outcome"/>.</summary>
    public void RecordScanDuration(TimeSpan duration, string outcome) =>
        _scanDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(OutcomeAttribute, outcome));

    /// <summary>
    /// <c>scanner.registry.requests</c>: one HTTP exchange with a registry or its token service.
    /// <paramref name="statusCode"/> is null when no answer came (network error, timeout).
    /// </summary>
    public void RecordRegistryRequest(string serverAddress, int serverPort, string kind, bool pullCounted, int? statusCode)
    {
        var tags = new TagList
        {
            { ServerAddressAttribute, serverAddress },
            { ServerPortAttribute, serverPort },
            { RequestKindAttribute, kind },
            { PullCountedAttribute, pullCounted },
        };
        if (statusCode is { } status)
        {
            tags.Add(StatusCodeAttribute, status);
        }

        _registryRequests.Add(1, tags);
    }

    /// <summary><c>scanner.registry.pull_allowance.remaining</c>: what the registry's <c>ratelimit-remaining</c> header said last.</summary>
    public void RecordPullAllowanceRemaining(string serverAddress, int serverPort, long remaining) =>
        _pullAllowanceRemaining.Record(
            remaining,
            new KeyValuePair<string, object?>(ServerAddressAttribute, serverAddress),
            new KeyValuePair<string, object?>(ServerPortAttribute, serverPort));

    /// <summary><c>scanner.events.published</c>: <paramref name="count"/> events of <paramref name="type"/> reached <paramref name="destination"/>.</summary>
    public void RecordEventsPublished(string type, string destination, long count = 1) =>
        _eventsPublished.Add(
            count,
            new KeyValuePair<string, object?>(TypeAttribute, type),
            new KeyValuePair<string, object?>(DestinationAttribute, destination));

    /// <summary><c>scanner.outbox.oldest_age</c>: the oldest unrelayed outbox entry is <paramref name="age"/> old (zero when there is none).</summary>
    public void RecordOutboxOldestAge(TimeSpan age) => _outboxOldestAge.Record(Math.Max(0, age.TotalSeconds));

    /// <summary><c>scanner.subscriber.deliveries</c>: one delivery attempt ended as <paramref name="outcome"/>.</summary>
    public void RecordSubscriberDelivery(string outcome) =>
        _subscriberDeliveries.Add(1, new KeyValuePair<string, object?>(OutcomeAttribute, outcome));

    /// <summary><c>scanner.queue.poison_messages</c>: <paramref name="queue"/> holds <paramref name="count"/> messages.</summary>
    public void RecordPoisonMessages(string queue, long count) =>
        _poisonMessages.Record(count, new KeyValuePair<string, object?>(QueueAttribute, queue));

    // The meter belongs to the factory, which disposes it with the host; the activity source is ours.
    public void Dispose() => ActivitySource.Dispose();
}
