using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// A stand-in for a Service Bus namespace's REST send endpoint, on a free loopback port over plain http (reached with a
/// connection string carrying <c>UseDevelopmentEmulator=true</c>). Every request is checked against the REST reference
/// (Send Message, Send Message Batch, message headers and properties): <c>POST /{entity}/messages</c>; a single message
/// with a Content-Type, an optional <c>BrokerProperties</c> JSON object header and custom properties as headers; a batch
/// as <c>application/vnd.microsoft.servicebus.json</c> (no parameters), a JSON array of objects with a string
/// <c>Body</c>, <c>BrokerProperties</c> and <c>UserProperties</c>; at most 256 KiB; <c>Authorization</c> a
/// <c>SharedAccessSignature sr=&amp;sig=&amp;se=&amp;skn=</c> token verified with the test key, or a Bearer token.
/// No <c>api-version</c> is required (the reference says so). Answers like Service Bus: 201; 400 for a malformed request;
/// 401 for a missing, expired or wrongly signed token; 404 for an unknown entity; 413 when too large; injected faults
/// (<see cref="FailNext"/>); a <c>MessageId</c> seen on the entity within the duplicate window is accepted and dropped.
/// Everything is recorded (<see cref="Requests"/>, <see cref="Messages"/>, <see cref="FormatLog"/>).
/// </summary>
public sealed class ServiceBusContractServer : IAsyncDisposable
{
    public const string BatchContentType = "application/vnd.microsoft.servicebus.json";

    /// <summary>Service Bus Standard: 256 KiB per message and per batch.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    // Headers with a protocol meaning of their own; any other request header is a custom message property.
    private static readonly HashSet<string> NonPropertyHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Authorization", "BrokerProperties", "Connection", "Expect",
        "Transfer-Encoding", "User-Agent", "Accept", "Accept-Encoding", "traceparent", "tracestate", "Request-Id",
        "Correlation-Context", "baggage", "x-ms-retrypolicy",
    };

    private readonly WebApplication _app;
    private readonly ContractServerOptions _options;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedMessage> _messages = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<(string Entity, string MessageId), DateTimeOffset> _seen = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _faults = new();

    private ServiceBusContractServer(WebApplication app, ContractServerOptions options, Uri endpoint)
    {
        _app = app;
        _options = options;
        Endpoint = endpoint;
    }

    /// <summary>Base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; }

    public string KeyName => _options.KeyName;

    /// <summary>The connection string a client uses to reach this server with the right key.</summary>
    public string ConnectionString => ConnectionStringWithKey(_options.Key);

    /// <summary>A connection string with another key, to see a 401.</summary>
    public string ConnectionStringWithKey(string key) =>
        $"Endpoint=sb://{Endpoint.Authority}/;SharedAccessKeyName={_options.KeyName};SharedAccessKey={key};UseDevelopmentEmulator=true";

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    /// <summary>Every message received, duplicates included, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get { lock (_gate) { return [.. _messages]; } }
    }

    /// <summary>The messages Service Bus would have enqueued: not the dropped duplicates.</summary>
    public IReadOnlyList<RecordedMessage> Accepted => [.. Messages.Where(m => !m.IsDuplicate)];

    /// <summary>Breaches of the REST reference seen so far; a correct client leaves this empty.</summary>
    public IReadOnlyList<string> Violations
    {
        get { lock (_gate) { return [.. _violations]; } }
    }

    public static async Task<ServiceBusContractServer> StartAsync(ContractServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ContractServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 4 * MaxRequestBytes;
        });
        var app = builder.Build();
        ServiceBusContractServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First());
        server = new ServiceBusContractServer(app, options, new Uri($"http://127.0.0.1:{address.Port}/"));
        return server;
    }

    /// <summary>The next <paramref name="count"/> authenticated requests are answered with <paramref name="status"/> (a 503 burst by default).</summary>
    public void FailNext(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Enqueue(((int)status, retryAfter));
            }
        }
    }

    /// <summary>Messages and requests as Markdown tables, for test output and notes.</summary>
    public string FormatLog()
    {
        var text = new StringBuilder();
        text.AppendLine("| # | entity | MessageId | Label | ContentType | properties | outcome |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var m in Messages)
        {
            var properties = string.Join(", ", m.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.RequestSequence} | {m.Entity} | `{m.MessageId}` | {m.Label} | {m.ContentType} | {properties} | {(m.IsDuplicate ? "duplicate, dropped" : "enqueued")} |");
        }

        text.AppendLine();
        text.AppendLine("| # | request | content type | bytes | auth | status | problem |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in Requests)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Sequence} | {r.Method} {r.Path} | {r.ContentType} | {r.BodyBytes} | {r.Authorization} | {r.Status} | {r.Problem} |");
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var now = _options.TimeProvider.GetUtcNow();
        var body = await ReadBodyAsync(request, context.RequestAborted);
        var entity = EntityOf(request.Path.Value ?? string.Empty);
        var contentType = request.ContentType;
        var isBatch = contentType is not null && contentType.Split(';')[0].Trim().Equals(BatchContentType, StringComparison.OrdinalIgnoreCase);
        var (authorization, sasExpiry, authProblem, authMalformed) = Authenticate(request, entity, now);

        int status;
        string? problem = null;
        TimeSpan? retryAfter = null;
        List<RecordedMessage> received = [];
        lock (_gate)
        {
            var sequence = _requests.Count + 1;
            if (!HttpMethods.IsPost(request.Method))
            {
                (status, problem) = (405, $"method {request.Method}; sending is POST");
                _violations.Add($"#{sequence}: {problem}");
            }
            else if (entity is null)
            {
                (status, problem) = (404, $"path '{request.Path}' is not /{{entity}}/messages");
                _violations.Add($"#{sequence}: {problem}");
            }
            else if (authProblem is not null)
            {
                (status, problem) = (401, authProblem);
                if (authMalformed)
                {
                    _violations.Add($"#{sequence}: {problem}");
                }
            }
            else if (_faults.TryDequeue(out var fault))
            {
                (status, problem, retryAfter) = (fault.Status, "injected fault", fault.RetryAfter);
            }
            else if (_options.Entities.Count > 0 && !_options.Entities.Contains(entity))
            {
                (status, problem) = (404, $"no queue or topic '{entity}'");
            }
            else if (body.Length > MaxRequestBytes)
            {
                (status, problem) = (413, $"{body.Length} bytes; at most {MaxRequestBytes}");
            }
            else
            {
                problem = isBatch
                    ? ParseBatch(sequence, entity, contentType!, body, received)
                    : ParseSingle(sequence, entity, request, body, received);
                if (problem is not null)
                {
                    status = 400;
                    received.Clear();
                    _violations.Add($"#{sequence}: {problem}");
                }
                else
                {
                    status = 201;
                    foreach (var message in received)
                    {
                        _messages.Add(message with { IsDuplicate = !RecordId(entity, message.MessageId, now) });
                    }
                }
            }

            _requests.Add(new RecordedRequest(
                sequence, now, request.Method, request.Path + request.QueryString, entity, contentType, isBatch, body.Length,
                authorization, sasExpiry, status, problem));
        }

        context.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (problem is not null)
        {
            context.Response.ContentType = "application/xml; charset=utf-8";
            await context.Response.WriteAsync(
                $"<Error><Code>{status}</Code><Detail>{WebUtility.HtmlEncode(problem)}</Detail></Error>", context.RequestAborted);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static string? EntityOf(string path)
    {
        const string suffix = "/messages";
        if (!path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var entity = path[..^suffix.Length].Trim('/');
        return entity.Length == 0 ? null : Uri.UnescapeDataString(entity);
    }

    // False when the id was seen on the entity within the window (a duplicate to drop).
    private bool RecordId(string entity, string? messageId, DateTimeOffset now)
    {
        if (messageId is null)
        {
            return true;
        }

        var key = (entity.ToLowerInvariant(), messageId);
        if (_seen.TryGetValue(key, out var at) && now - at < _options.DuplicateDetectionWindow)
        {
            return false;
        }

        _seen[key] = now;
        return true;
    }

    private (string Summary, long? Expiry, string? Problem, bool Malformed) Authenticate(HttpRequest request, string? entity, DateTimeOffset now)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return ("none", null, "no Authorization header", true);
        }

        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length == 0
                ? ("Bearer", null, "empty bearer token", true)
                : _options.BearerTokens.Count > 0 && !_options.BearerTokens.Contains(token)
                    ? ("Bearer", null, "bearer token not accepted", false)
                    : ("Bearer", null, null, false);
        }

        const string sasPrefix = "SharedAccessSignature ";
        if (!header.StartsWith(sasPrefix, StringComparison.Ordinal))
        {
            return ("unknown", null, "Authorization is neither 'SharedAccessSignature ...' nor 'Bearer ...'", true);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header[sasPrefix.Length..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !fields.TryAdd(pair[..equals], pair[(equals + 1)..]))
            {
                return ("SAS", null, $"SAS token field '{pair}' is not a single name=value", true);
            }
        }

        if (!fields.TryGetValue("sr", out var rawResource) || !fields.TryGetValue("sig", out var rawSignature) ||
            !fields.TryGetValue("se", out var rawExpiry) || !fields.TryGetValue("skn", out var rawKeyName) || fields.Count != 4)
        {
            return ("SAS", null, "SAS token must have exactly sr, sig, se and skn", true);
        }

        if (!long.TryParse(rawExpiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return ("SAS", null, $"SAS se '{rawExpiry}' is not Unix seconds", true);
        }

        var keyName = WebUtility.UrlDecode(rawKeyName);
        var summary = $"SAS skn={keyName} se={expiry}";
        if (!string.Equals(keyName, _options.KeyName, StringComparison.Ordinal))
        {
            return (summary, expiry, $"unknown SAS policy '{keyName}'", false);
        }

        // The signature covers the resource exactly as it appears (URL-encoded) in the token, and the expiry.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Key), Encoding.UTF8.GetBytes(rawResource + "\n" + rawExpiry));
        byte[] given;
        try
        {
            given = Convert.FromBase64String(WebUtility.UrlDecode(rawSignature));
        }
        catch (FormatException)
        {
            return (summary, expiry, "SAS sig is not URL-encoded base64", true);
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return (summary, expiry, "SAS signature does not match the key", false);
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expiry) <= now)
        {
            return (summary, expiry, "SAS token expired", false);
        }

        // A token is valid for its resource and everything under it; the scheme does not matter (sb, http, https).
        var resource = WithoutScheme(WebUtility.UrlDecode(rawResource)).TrimEnd('/');
        var requested = WithoutScheme($"{request.Scheme}://{request.Host}/{entity}");
        if (!requested.StartsWith(resource, StringComparison.OrdinalIgnoreCase))
        {
            return (summary, expiry, $"SAS token is for '{resource}', not '{requested}'", false);
        }

        return (summary, expiry, null, false);
    }

    private static string WithoutScheme(string uri)
    {
        var at = uri.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? uri : uri[(at + 3)..];
    }

    private static string? ParseSingle(int sequence, string entity, HttpRequest request, byte[] body, List<RecordedMessage> received)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return "a single message needs a Content-Type (it becomes the message's ContentType)";
        }

        string? messageId = null, label = null;
        var brokerHeader = request.Headers["BrokerProperties"].ToString();
        if (brokerHeader.Length > 0)
        {
            try
            {
                using var broker = JsonDocument.Parse(brokerHeader);
                var problem = ReadBrokerProperties(broker.RootElement, out messageId, out label);
                if (problem is not null)
                {
                    return problem;
                }
            }
            catch (JsonException ex)
            {
                return $"BrokerProperties header is not JSON: {ex.Message}";
            }
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            if (NonPropertyHeaders.Contains(name))
            {
                continue;
            }

            var raw = values.ToString();
            if (raw.StartsWith('"'))
            {
                try
                {
                    raw = JsonSerializer.Deserialize<string>(raw) ?? string.Empty;
                }
                catch (JsonException)
                {
                    return $"custom property header '{name}' starts with a quote but is not a JSON string";
                }
            }

            properties[name] = raw;
        }

        received.Add(new RecordedMessage(sequence, entity, messageId, label, request.ContentType, properties, body, false));
        return null;
    }

    private static string? ParseBatch(int sequence, string entity, string contentType, byte[] body, List<RecordedMessage> received)
    {
        if (contentType.Contains(';', StringComparison.Ordinal))
        {
            return $"batch Content-Type '{contentType}' must be {BatchContentType} without parameters";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return $"batch body is not JSON: {ex.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            {
                return "batch body must be a non-empty JSON array of messages";
            }

            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                index++;
                if (element.ValueKind != JsonValueKind.Object ||
                    !element.TryGetProperty("Body", out var bodyElement) || bodyElement.ValueKind != JsonValueKind.String)
                {
                    return $"batch message {index} must be an object with a string Body";
                }

                string? messageId = null, label = null;
                if (element.TryGetProperty("BrokerProperties", out var broker))
                {
                    var problem = ReadBrokerProperties(broker, out messageId, out label);
                    if (problem is not null)
                    {
                        return $"batch message {index}: {problem}";
                    }
                }

                var properties = new Dictionary<string, string>(StringComparer.Ordinal);
                if (element.TryGetProperty("UserProperties", out var user))
                {
                    if (user.ValueKind != JsonValueKind.Object)
                    {
                        return $"batch message {index}: UserProperties must be a JSON object";
                    }

                    foreach (var property in user.EnumerateObject())
                    {
                        properties[property.Name] = property.Value.ValueKind == JsonValueKind.String
                            ? property.Value.GetString()!
                            : property.Value.GetRawText();
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is not ("Body" or "BrokerProperties" or "UserProperties" or "IsBodyBase64"))
                    {
                        return $"batch message {index} has unknown member '{property.Name}'";
                    }
                }

                var bytes = element.TryGetProperty("IsBodyBase64", out var base64) && base64.ValueKind == JsonValueKind.True
                    ? Convert.FromBase64String(bodyElement.GetString()!)
                    : Encoding.UTF8.GetBytes(bodyElement.GetString()!);
                
                // A batch has no per-message Content-Type: ContentType is not a broker property, so Service Bus leaves it empty.
                received.Add(new RecordedMessage(sequence, entity, messageId, label, null, properties, bytes, false));
            }
        }

        return null;
    }

    private static string? ReadBrokerProperties(JsonElement broker, out string? messageId, out string? label)
    {
        messageId = null;
        label = null;
        if (broker.ValueKind != JsonValueKind.Object)
        {
            return "BrokerProperties must be a JSON object";
        }

        foreach (var property in broker.EnumerateObject())
        {
            if (property.Name is "MessageId" or "Label" or "CorrelationId" or "SessionId" or "To" or "ReplyTo" or "PartitionKey")
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return $"BrokerProperties.{property.Name} must be a string";
                }
            }
        }

        if (broker.TryGetProperty("MessageId", out var id))
        {
            messageId = id.GetString();
            if (string.IsNullOrEmpty(messageId) || messageId.Length > 128)
            {
                return "BrokerProperties.MessageId must be 1 to 128 characters";
            }
        }

        label = broker.TryGetProperty("Label", out var l) ? l.GetString() : null;
        return null;
    }
}
