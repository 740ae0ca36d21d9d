using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// Sends messages with the Service Bus REST API: <c>POST {endpoint}/{entity}/messages</c>, one message with its
/// properties in the <c>BrokerProperties</c> header and custom properties as headers, or a batch as
/// <c>application/vnd.microsoft.servicebus.json</c>, split to stay under the size limit. Throttling, server errors and
/// timeouts are retried with backoff; authorization and missing-entity answers are not.
/// </summary>
public sealed partial class ServiceBusRestClient : IMessageSender, IDisposable
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";
    public const string BrokerPropertiesHeader = "BrokerProperties";
    private const string DefaultContentType = "application/octet-stream";
    private const int MaxErrorDetailLength = 300;

    // Headers with a meaning of their own cannot carry a custom property.
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "BrokerProperties", "Content-Type", "Content-Length", "Host", "Connection", "Expect",
        "Transfer-Encoding", "x-ms-retrypolicy", "User-Agent", "Accept",
    };

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly Uri _endpoint;
    private readonly string? _entityPath;
    private readonly IServiceBusTokenProvider _tokenProvider;
    private readonly ServiceBusOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <param name="httpClient">Used as is; the caller owns it.</param>
    /// <param name="endpoint">Base address, such as <c>https://contoso.servicebus.windows.net/</c>.</param>
    /// <param name="entityPath">When the credentials are scoped to one entity, that entity.</param>
    public ServiceBusRestClient(
        HttpClient httpClient,
        Uri endpoint,
        IServiceBusTokenProvider tokenProvider,
        ServiceBusOptions? options = null,
        string? entityPath = null,
        TimeProvider? timeProvider = null,
        ILogger<ServiceBusRestClient>? logger = null)
        : this(httpClient, false, endpoint, tokenProvider, options, entityPath, timeProvider, logger)
    {
    }

    private ServiceBusRestClient(
        HttpClient httpClient,
        bool ownsHttpClient,
        Uri endpoint,
        IServiceBusTokenProvider tokenProvider,
        ServiceBusOptions? options,
        string? entityPath,
        TimeProvider? timeProvider,
        ILogger<ServiceBusRestClient>? logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _tokenProvider = tokenProvider;
        _options = options ?? new ServiceBusOptions();
        _entityPath = entityPath;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ServiceBusRestClient>.Instance;
        if (_options.MaxAttempts < 1 || _options.MaxBatchBytes is < 1024 or > ServiceBusOptions.MaxBatchBytesLimit)
        {
            throw new ArgumentException(
                $"ServiceBusOptions: MaxAttempts must be at least 1 and MaxBatchBytes between 1024 and {ServiceBusOptions.MaxBatchBytesLimit}.",
                nameof(options));
        }
    }

    /// <summary>A client for a connection: SAS tokens for a connection string, Entra tokens for a namespace.</summary>
    public static ServiceBusRestClient Create(
        ServiceBusConnectionInfo connection,
        ServiceBusOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ServiceBusRestClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        IServiceBusTokenProvider tokens = connection.UsesSharedAccessKey
            ? new SasTokenProvider(connection.SharedAccessKeyName, connection.SharedAccessKey, timeProvider)
            : EntraTokenProvider.CreateDefault(connection.ClientId, timeProvider);

        // Per-request timeouts are ours (RequestTimeout), so the HttpClient's own is off.
        var httpClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new ServiceBusRestClient(
            httpClient, true, connection.Endpoint, tokens, options, connection.EntityPath, timeProvider, logger);
    }

    public Uri Endpoint => _endpoint;

    /// <summary>Sends one message; returns when Service Bus answered 201.</summary>
    public Task SendAsync(string entity, OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        var entityUri = EntityUri(entity);
        return SendWithRetriesAsync(entity, entityUri, () => CreateSingleRequest(entityUri, message), 1, cancellationToken);
    }

    /// <summary>
    /// Sends messages as batches, each under <see cref="ServiceBusOptions.MaxBatchBytes"/>; returns when every batch was
    /// accepted. A message whose body is not UTF-8 text goes on its own (a batch body carries text only).
    /// </summary>
    public async Task SendBatchAsync(string entity, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var entityUri = EntityUri(entity);
        foreach (var message in messages)
        {
            message.Validate();
        }

        var batch = new List<byte[]>();
        var batchBytes = 2;
        foreach (var message in messages)
        {
            if (!Utf8.IsValid(message.Body.Span))
            {
                await SendAsync(entity, message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var element = SerializeBatchElement(message);
            var limit = _options.MaxBatchBytes;
            if (element.Length + 2 >= limit)
            {
                throw new ServiceBusException(
                    HttpStatusCode.RequestEntityTooLarge,
                    $"Message '{message.MessageId}' is {element.Length} bytes as a batch entry; Service Bus accepts less than {limit} bytes.");
            }

            var added = element.Length + (batch.Count == 0 ? 0 : 1);
            if (batchBytes + added >= limit)
            {
                await SendBatchChunkAsync(entity, entityUri, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                batchBytes = 2;
                added = element.Length;
            }

            batch.Add(element);
            batchBytes += added;
        }

        if (batch.Count > 0)
        {
            await SendBatchChunkAsync(entity, entityUri, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One message goes alone (its body unchanged); more go as batches.</summary>
    public Task SendAsync(string entity, IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return messages.Count switch
        {
            0 => Task.CompletedTask,
            1 => SendAsync(entity, messages[0], cancellationToken),
            _ => SendBatchAsync(entity, messages, cancellationToken),
        };
    }

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }

        (_tokenProvider as IDisposable)?.Dispose();
    }

    private Task SendBatchChunkAsync(string entity, Uri entityUri, List<byte[]> elements, CancellationToken cancellationToken)
    {
        var body = new byte[2 + elements.Sum(e => e.Length) + elements.Count - 1];
        body[0] = (byte)'[';
        var position = 1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (i > 0)
            {
                body[position++] = (byte)',';
            }

            elements[i].CopyTo(body, position);
            position += elements[i].Length;
        }

        body[position] = (byte)']';
        var count = elements.Count;
        return SendWithRetriesAsync(entity, entityUri, () => CreateBatchRequest(entityUri, body), count, cancellationToken);
    }

    private Uri EntityUri(string entity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        if (entity.Contains('?', StringComparison.Ordinal) || entity.Contains('#', StringComparison.Ordinal) ||
            entity.StartsWith('/') || entity.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{entity}' is not a queue or topic name.", nameof(entity));
        }

        if (_entityPath is not null && !string.Equals(_entityPath, entity, StringComparison.OrdinalIgnoreCase))
        {
            throw new ServiceBusException(
                HttpStatusCode.Unauthorized,
                $"The Service Bus connection string is scoped to entity '{_entityPath}' (EntityPath) and cannot send to '{entity}'; " +
                "use a namespace-level connection string.");
        }

        return new Uri(_endpoint, entity);
    }

    private static HttpRequestMessage CreateSingleRequest(Uri entityUri, OutgoingMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri(entityUri))
        {
            Content = new ReadOnlyMemoryContent(message.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", message.ContentType ?? DefaultContentType);
        request.Headers.TryAddWithoutValidation(BrokerPropertiesHeader, SerializeBrokerProperties(message));
        foreach (var (name, value) in message.Properties)
        {
            request.Headers.TryAddWithoutValidation(CheckPropertyName(name), QuotePropertyValue(name, value));
        }

        return request;
    }

    private static HttpRequestMessage CreateBatchRequest(Uri entityUri, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri(entityUri))
        {
            Content = new ByteArrayContent(body),
        };

        // The batch media type takes no parameters (no charset).
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(BatchContentType);
        return request;
    }

    private static Uri MessagesUri(Uri entityUri) => new(entityUri.AbsoluteUri + "/messages");

    private async Task SendWithRetriesAsync(
        string entity, Uri entityUri, Func<HttpRequestMessage> createRequest, int messageCount, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = createRequest();
            var authorization = await _tokenProvider.GetAuthorizationAsync(entityUri, cancellationToken).ConfigureAwait(false);
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            HttpResponseMessage response;
            try
            {
                response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var reason = ex is OperationCanceledException ? $"no answer within {_options.RequestTimeout}" : ex.Message;
                if (attempt >= _options.MaxAttempts)
                {
                    throw new ServiceBusException(
                        null, $"Sending to Service Bus entity '{entity}' failed after {attempt} attempts: {reason}.", ex);
                }

                var delay = Backoff(attempt, null);
                LogRetry(entity, reason, attempt, delay);
                await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    LogSent(entity, messageCount, (int)response.StatusCode);
                    return;
                }

                var detail = await ReadErrorDetailAsync(response, cancellationToken).ConfigureAwait(false);
                if (ServiceBusException.IsTransientStatus(response.StatusCode) && attempt < _options.MaxAttempts)
                {
                    var delay = Backoff(attempt, response.Headers.RetryAfter);
                    LogRetry(entity, $"{(int)response.StatusCode} {detail}", attempt, delay);
                    await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new ServiceBusException(response.StatusCode, Describe(response.StatusCode, entity, detail, attempt, authorization));
            }
        }
    }

    private string Describe(HttpStatusCode status, string entity, string detail, int attempts, string authorization)
    {
        var code = (int)status;
        var bearer = authorization.StartsWith("Bearer ", StringComparison.Ordinal);
        var what = status switch
        {
            HttpStatusCode.Unauthorized => bearer
                ? "Service Bus refused the Entra ID token: check that the identity may use this namespace"
                : "Service Bus refused the SAS token: check SharedAccessKeyName and SharedAccessKey in the connection string, and the clock",
            HttpStatusCode.Forbidden =>
                "Service Bus forbids this send: the SAS policy needs the Send right (or the identity the 'Azure Service Bus Data Sender' role), " +
                "or the namespace quota is exceeded",
            HttpStatusCode.NotFound or HttpStatusCode.Gone =>
                $"Service Bus has no queue or topic '{entity}' at {_endpoint}: create it (the deployment declares it)",
            HttpStatusCode.RequestEntityTooLarge => "the message or batch is larger than Service Bus accepts",
            HttpStatusCode.BadRequest => "Service Bus rejected the request as malformed",
            _ when ServiceBusException.IsTransientStatus(status) => $"Service Bus kept failing ({attempts} attempts)",
            _ => "Service Bus did not accept the send",
        };
        return string.IsNullOrEmpty(detail)
            ? $"{what} (HTTP {code}, entity '{entity}')."
            : $"{what} (HTTP {code}, entity '{entity}'): {detail}";
    }

    private TimeSpan Backoff(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var server = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - _timeProvider.GetUtcNow() : null);
        if (server is { } requested && requested > TimeSpan.Zero)
        {
            return requested < _options.MaxBackoff ? requested : _options.MaxBackoff;
        }

        var exponential = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _options.MaxBackoff.TotalMilliseconds);

        // Jitter spreads the retries of many senders that failed together.
        var jittered = capped * (0.8 + (RandomNumberGenerator.GetInt32(0, 401) / 1000.0));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxBackoff.TotalMilliseconds));
    }

    // Service Bus error bodies are <Error><Code/><Detail/></Error>; only the detail is worth repeating.
    private static async Task<string> ReadErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }

        if (text.TrimStart().StartsWith('<'))
        {
            try
            {
                var detail = XDocument.Parse(text).Root?.Element("Detail")?.Value;
                if (!string.IsNullOrWhiteSpace(detail))
                {
                    text = detail;
                }
            }
            catch (System.Xml.XmlException)
            {
                // Not the documented error shape: repeat the text as it came.
            }
        }

        text = text.Trim();
        return text.Length <= MaxErrorDetailLength ? text : text[..MaxErrorDetailLength] + "...";
    }

    private static string SerializeBrokerProperties(OutgoingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteBrokerProperties(writer, message);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // ContentType is not a broker property (the reference maps it to the Content-Type header of a single send only),
    // so it is not written here; a batch cannot carry it.
    private static void WriteBrokerProperties(Utf8JsonWriter writer, OutgoingMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("MessageId", message.MessageId);
        if (message.Label is not null)
        {
            writer.WriteString("Label", message.Label);
        }

        writer.WriteEndObject();
    }

    private static byte[] SerializeBatchElement(OutgoingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Body.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Body", message.Body.Span);
            writer.WritePropertyName("BrokerProperties");
            WriteBrokerProperties(writer, message);
            if (message.Properties.Count > 0)
            {
                writer.WriteStartObject("UserProperties");
                foreach (var (name, value) in message.Properties)
                {
                    writer.WriteString(CheckPropertyName(name), value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string CheckPropertyName(string name)
    {
        if (string.IsNullOrEmpty(name) || ReservedHeaders.Contains(name) || !name.All(IsTokenChar))
        {
            throw new ArgumentException(
                $"'{name}' cannot be a message property name: use letters, digits and '-', and not a standard HTTP header.");
        }

        return name;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    // A custom property header carries a string as a quoted JSON string, so Service Bus types it as a string.
    private static string QuotePropertyValue(string name, string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c < ' ' || c > '~')
            {
                throw new ArgumentException(
                    $"Property '{name}' has a character that an HTTP header cannot carry (U+{(int)c:X4}); use printable ASCII.");
            }

            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Service Bus accepted {MessageCount} message(s) for {Entity} ({Status})")]
    private partial void LogSent(string entity, int messageCount, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus send to {Entity} failed ({Reason}), attempt {Attempt}; retrying in {Delay}")]
    private partial void LogRetry(string entity, string reason, int attempt, TimeSpan delay);
}
