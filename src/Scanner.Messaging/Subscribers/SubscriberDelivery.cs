using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scanner.Core.Changes;
using Scanner.Application.Http;
using Scanner.Application.Subscribers;
using Scanner.Core.Serialization;

namespace Scanner.Messaging.Subscribers;

/// <summary>
/// Delivers change events to subscriber webhooks: one signed POST per batch, in CloudEvents JSON batch mode, signed with
/// <see cref="SubscriberSignature"/>, retried a few times with backoff (honouring <c>Retry-After</c>) before the
/// queue's own retries take over. Connections go through <see cref="SubscriberAddressPolicy"/>; redirects are not
/// followed.
/// </summary>
public sealed partial class SubscriberDelivery : ISubscriberNotifier, IDisposable
{
    public const string MediaType = "application/cloudevents-batch+json";

    private readonly SubscriberOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly HttpClient _httpClient;

    public SubscriberDelivery(IOptions<SubscriberOptions> options, TimeProvider? timeProvider = null, ILogger<SubscriberDelivery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (_options.MaxAttempts < 1 || _options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("SubscriberOptions: MaxAttempts must be at least 1 and RequestTimeout positive.", nameof(options));
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SubscriberDelivery>.Instance;
        AddressPolicy = new SubscriberAddressPolicy(_options.AllowPrivateNetworks);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = AddressPolicy.ConnectAsync,
            AllowAutoRedirect = false,

            // Connections are re-made now and then, so a host's addresses are checked again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _httpClient.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("extension-update-scanner", "1.0"));
    }

    public SubscriberAddressPolicy AddressPolicy { get; }

    public Task<SubscriberDeliveryResult> DeliverAsync(Subscriber subscriber, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var body = JsonSerializer.SerializeToUtf8Bytes(events, CoreJsonContext.Default.IReadOnlyListCloudEvent);
        var label = events.Count == 1 ? events[0].Id : $"{events[0].Id} (+{events.Count - 1})";
        return DeliverAsync(subscriber, label, body, cancellationToken);
    }

    /// <summary>Delivers one signed body to one subscriber with retries; never throws but for cancellation.</summary>
    private async Task<SubscriberDeliveryResult> DeliverAsync(Subscriber subscriber, string eventId, byte[] body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(body);

        // Let the loop start on its own so one subscriber's synchronous work never delays the others.
        await Task.Yield();
        var url = subscriber.Url.GetLeftPart(UriPartial.Path);
        try
        {
            AddressPolicy.CheckUrl(subscriber.Url);
        }
        catch (SubscriberAddressRefusedException ex)
        {
            LogRefused(subscriber.Id, url, eventId, ex.Message);
            return new SubscriberDeliveryResult(subscriber.Id, false, 0, null, ex.Message, Retryable: false);
        }

        var signature = SubscriberSignature.Compute(subscriber.Secret, body);
        int? status = null;
        string failure = string.Empty;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var request = new HttpRequestMessage(HttpMethod.Post, subscriber.Url) { Content = new ByteArrayContent(body) })
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(MediaType) { CharSet = "utf-8" };
                request.Headers.TryAddWithoutValidation(SubscriberSignature.HeaderName, signature);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        LogDelivered(subscriber.Id, url, eventId, attempt, status.Value);
                        return new SubscriberDeliveryResult(subscriber.Id, true, attempt, status, null);
                    }

                    failure = $"HTTP {status}";
                    if (!IsRetryable(response.StatusCode))
                    {
                        LogGivenUp(subscriber.Id, url, eventId, attempt, failure);
                        return new SubscriberDeliveryResult(subscriber.Id, false, attempt, status, failure, Retryable: false);
                    }

                    retryAfter = RetryAfter.From(response.Headers.RetryAfter, _timeProvider.GetUtcNow());
                }
                catch (HttpRequestException ex) when (FindRefusal(ex) is { } refusal)
                {
                    LogRefused(subscriber.Id, url, eventId, refusal.Message);
                    return new SubscriberDeliveryResult(subscriber.Id, false, attempt, null, refusal.Message, Retryable: false);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    status = null;
                    failure = ex is OperationCanceledException ? $"no answer within {_options.RequestTimeout}" : ex.Message;
                }
            }

            if (attempt < _options.MaxAttempts)
            {
                var delay = RetryDelay(attempt, retryAfter);
                LogRetrying(subscriber.Id, url, eventId, attempt, failure, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        LogGivenUp(subscriber.Id, url, eventId, _options.MaxAttempts, failure);
        return new SubscriberDeliveryResult(subscriber.Id, false, _options.MaxAttempts, status, failure);
    }

    public void Dispose() => _httpClient.Dispose();

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private static SubscriberAddressRefusedException? FindRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is SubscriberAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? requested)
    {
        var delay = requested is { } asked && asked > TimeSpan.Zero
            ? asked
            : TimeSpan.FromMilliseconds(_options.InitialRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} delivered to subscriber {SubscriberId} ({Url}) on attempt {Attempt} ({Status})")]
    private partial void LogDelivered(string subscriberId, string url, string eventId, int attempt, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventId} to subscriber {SubscriberId} ({Url}) failed on attempt {Attempt}: {Failure}; retrying in {Delay}")]
    private partial void LogRetrying(string subscriberId, string url, string eventId, int attempt, string failure, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} not delivered to subscriber {SubscriberId} ({Url}) after {Attempts} attempt(s): {Failure}")]
    private partial void LogGivenUp(string subscriberId, string url, string eventId, int attempts, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} not delivered to subscriber {SubscriberId} ({Url}): {Reason}")]
    private partial void LogRefused(string subscriberId, string url, string eventId, string reason);
}
