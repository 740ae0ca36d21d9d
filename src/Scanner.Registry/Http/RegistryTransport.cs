using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Scanner.Application.Http;
using Scanner.Application.Telemetry;
using Scanner.Core.Repositories;

namespace Scanner.Registry.Http;

/// <summary>
/// The one path every registry request takes (regclient's <c>Do</c>): per-host concurrency limit, 429 pause and backoff
/// that grows on 5xx, 429 and network errors and shrinks on success, the host's pull allowance, authentication
/// (challenge, token cache, Basic), retries, a timeout per request, body caps, accounting, and a child span of the
/// current activity for every HTTP exchange. It knows nothing of manifests. One instance per process: it holds the
/// per-host state and the token cache.
/// </summary>
public sealed partial class RegistryTransport : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _http;
    private readonly RegistryOptions _options;
    private readonly RegistryHttpOptions _httpOptions;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ScannerTelemetry _telemetry;
    private readonly ConcurrentDictionary<string, RegistryHost> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly TokenCache _tokens;

    /// <param name="options">Registry settings.</param>
    /// <param name="telemetry">The app's activity source and meter; spans and metrics never carry a credential or token.</param>
    /// <param name="logger">Logger; never given a credential or token.</param>
    /// <param name="time">Clock for token expiry, pauses, backoff and pull allowance windows.</param>
    public RegistryTransport(
        RegistryOptions options,
        ScannerTelemetry telemetry,
        ILogger<RegistryTransport>? logger = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(telemetry);
        _options = options;
        _httpOptions = options.Http;
        _telemetry = telemetry;
        _logger = logger ?? NullLogger<RegistryTransport>.Instance;
        _time = time ?? TimeProvider.System;
        _tokens = new TokenCache(_time, _httpOptions.TokenExpiryMargin);
        Accounting = new RequestAccounting(telemetry);

        // Redirects are followed by hand so that credentials never follow a request to another origin.
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, _httpOptions.MaxConcurrencyPerHost),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public RequestAccounting Accounting { get; }

    /// <summary>The origin (scheme and authority) the repository's requests go to.</summary>
    public Uri BaseUriFor(RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return HostFor(repository).BaseUri;
    }

    /// <summary>Sends a request, answering auth challenges and retrying what is worth retrying.</summary>
    /// <exception cref="RegistryException">
    /// Retries ran out, auth failed, the body broke a cap, or (<see cref="RegistryErrorKind.PullAllowance"/>) the request
    /// counts as a pull and the host's allowance is down to its reserve.
    /// </exception>
    public async Task<RegistryResponse> SendAsync(RegistryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var host = HostFor(request.Repository);
        var uri = request.Target.IsAbsoluteUri ? request.Target : new Uri(host.BaseUri, request.Target);
        if (!host.IsSameOrigin(uri))
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: {uri.GetLeftPart(UriPartial.Authority)} is not the registry's origin {host.BaseUri}");
        }

        var tally = Accounting.Current;
        var started = tally?.Started(request.ToString());
        var response = await SendWithAuthAsync(request, host, uri, cancellationToken).ConfigureAwait(false);

        // Left unfinished when it throws, so a scan that ran out of time can say what it was reading.
        if (started is { } id)
        {
            tally!.Finished(id);
        }

        return response;
    }

    /// <summary>The per-host backoff now (without jitter); for tests.</summary>
    internal TimeSpan BackoffOf(string endpoint) => _hosts.TryGetValue(endpoint, out var host) ? host.Backoff.Current : TimeSpan.Zero;

    /// <summary>The pull allowance the host last sent, if any; for tests.</summary>
    internal long? PullAllowanceOf(string endpoint) => _hosts.TryGetValue(endpoint, out var host) ? host.Pulls.Remaining : null;

    private async Task<RegistryResponse> SendWithAuthAsync(RegistryRequest request, RegistryHost host, Uri uri, CancellationToken cancellationToken)
    {
        var scope = $"repository:{request.Repository.Path}:pull";
        var answeredChallenge = false;
        while (true)
        {
            var authorization = await AuthorizeAsync(host, scope, request, cancellationToken).ConfigureAwait(false);
            var exchange = new RegistryExchange(
                request.Kind,
                host,
                uri,
                request.Method,
                message =>
                {
                    foreach (var accept in request.Accept)
                    {
                        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept.Value));
                    }
                },
                authorization.Header,
                request.MaxBodyBytes,
                request.FollowRedirects,
                request.ToString());
            var response = await ExchangeAsync(exchange, cancellationToken).ConfigureAwait(false);

            switch (response.Status)
            {
                case HttpStatusCode.Unauthorized:
                    if (authorization.Token is not null && host.Challenge is { IsBearer: true } known)
                    {
                        _tokens.Invalidate(known.Realm!, known.Service ?? string.Empty, scope, authorization.Token);
                    }

                    var challenge = AuthChallenge.From(response.Headers.WwwAuthenticate);
                    if (challenge is null)
                    {
                        throw new RegistryException(RegistryErrorKind.Unauthorized, $"{request}: 401 without a Bearer or Basic challenge");
                    }

                    if (challenge.IsBasic && !host.Options.HasCredentials)
                    {
                        throw new RegistryException(RegistryErrorKind.Unauthorized, $"{request}: the registry asks for Basic credentials and none are configured for {host.Endpoint}");
                    }

                    if (answeredChallenge)
                    {
                        throw new RegistryException(RegistryErrorKind.Unauthorized, $"{request}: 401 after answering the {challenge.Scheme} challenge (credentials refused or insufficient)");
                    }

                    host.Challenge = challenge;
                    answeredChallenge = true;
                    continue;
                case HttpStatusCode.Forbidden:
                    throw new RegistryException(RegistryErrorKind.Unauthorized, $"{request}: access denied (403)");
                default:
                    return response;
            }
        }
    }

    /// <summary>
    /// One logical request with retries: 5xx, network errors and timeouts retry; 429 pauses the whole host for its
    /// <c>Retry-After</c>. Each of those grows the host's backoff, which every request to it waits out; any other answer
    /// shrinks it and is returned. A pull-counted request is not sent while the host's allowance is at its reserve.
    /// </summary>
    private async Task<RegistryResponse> ExchangeAsync(RegistryExchange exchange, CancellationToken cancellationToken)
    {
        var (host, description) = (exchange.Host, exchange.Description);
        for (var attempt = 1; ; attempt++)
        {
            RegistryResponse response;
            try
            {
                using (await host.EnterAsync(cancellationToken).ConfigureAwait(false))
                {
                    response = await SendCountedAsync(exchange, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (IsTransient(exception, cancellationToken))
            {
                host.Backoff.Failed();
                var timedOut = exception is OperationCanceledException;
                var problem = timedOut ? $"no complete answer within {_httpOptions.RequestTimeout.TotalSeconds:0.###} s" : exception.Message;
                if (attempt >= _httpOptions.MaxAttempts)
                {
                    throw new RegistryException(
                        timedOut ? RegistryErrorKind.Timeout : RegistryErrorKind.Unavailable,
                        $"{description}: {problem} (gave up after {attempt} attempts)",
                        exception);
                }

                LogRetrying(description, problem, attempt, host.Backoff.Current.TotalMilliseconds);
                continue;
            }

            var status = (int)response.Status;
            if (response.Status == HttpStatusCode.TooManyRequests)
            {
                host.Backoff.Failed();
                var wait = RetryAfter.From(response.Headers.RetryAfter, _time.GetUtcNow());
                if (wait is { } tooLong && tooLong > _httpOptions.MaxRetryAfter)
                {
                    throw new RegistryException(RegistryErrorKind.Throttled, $"{description}: 429 with Retry-After {tooLong.TotalSeconds:0} s, over the {_httpOptions.MaxRetryAfter.TotalSeconds:0} s allowed");
                }

                if (attempt >= _httpOptions.MaxAttempts)
                {
                    throw new RegistryException(RegistryErrorKind.Throttled, $"{description}: still 429 after {attempt} attempts");
                }

                // Without Retry-After, the grown backoff alone spaces the next attempts.
                if (wait is { } pause)
                {
                    host.PauseUntil(_time.GetUtcNow() + pause);
                }

                LogThrottled(host.Endpoint, (wait ?? host.Backoff.Current).TotalMilliseconds);
                continue;
            }

            if (status >= 500)
            {
                host.Backoff.Failed();
                if (attempt >= _httpOptions.MaxAttempts)
                {
                    throw new RegistryException(RegistryErrorKind.Unavailable, $"{description}: {status} {response.Status} (gave up after {attempt} attempts)");
                }

                LogRetrying(description, $"{status}", attempt, host.Backoff.Current.TotalMilliseconds);
                continue;
            }

            host.Backoff.Succeeded();
            return response;
        }
    }

    /// <summary>One attempt, holding the right to spend a pull when the request counts as one.</summary>
    private async Task<RegistryResponse> SendCountedAsync(RegistryExchange exchange, CancellationToken cancellationToken)
    {
        var host = exchange.Host;
        if (!exchange.Kind.IsPullCounted())
        {
            return await SendOnceAsync(exchange, cancellationToken).ConfigureAwait(false);
        }

        if (!host.Pulls.TryStart(_time.GetUtcNow(), out var remaining, out var retryAt))
        {
            throw new RegistryException(
                RegistryErrorKind.PullAllowance,
                $"{exchange.Description}: the pull allowance of {host.Endpoint} is down to {remaining} (reserve {host.Pulls.Reserve}); no pull-counted request until its window ends at {retryAt:yyyy-MM-dd HH:mm:ss} UTC",
                retryAt);
        }

        var spent = false;
        try
        {
            var response = await SendOnceAsync(exchange, cancellationToken).ConfigureAwait(false);
            spent = response.Status != HttpStatusCode.TooManyRequests;
            return response;
        }
        finally
        {
            host.Pulls.Finish(spent);
        }
    }

    private async Task<RegistryResponse> SendOnceAsync(RegistryExchange exchange, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_httpOptions.RequestTimeout);
        var current = exchange;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            var (response, next) = await SendHopAsync(current, timeout.Token).ConfigureAwait(false);
            if (response is not null)
            {
                return response;
            }

            if (!string.Equals(next!.GetLeftPart(UriPartial.Authority), current.Uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                // Storage backends and CDNs get no credentials: a signed URL carries its own.
                current = current with { Authorization = null };
                if (next.Scheme != Uri.UriSchemeHttps && !(exchange.Host.Options.Insecure && next.Scheme == Uri.UriSchemeHttp))
                {
                    throw new RegistryException(RegistryErrorKind.Configuration, $"{exchange.Description}: redirect to {next.Scheme}://{next.Authority} refused (only https)");
                }
            }

            current = current with { Uri = next };
        }

        throw new RegistryException(RegistryErrorKind.Protocol, $"{exchange.Description}: more than {MaxRedirects} redirects");
    }

    /// <summary>One HTTP exchange, as one client span and one count: the answer with its body, or where a redirect points.</summary>
    private async Task<(RegistryResponse? Response, Uri? Redirect)> SendHopAsync(RegistryExchange exchange, CancellationToken cancellationToken)
    {
        var (kind, host, uri, method, configure, authorization, maxBodyBytes, followRedirects, description) = exchange;
        using var activity = _telemetry.ActivitySource.StartActivity("registry " + kind.ToWireName(), ActivityKind.Client);
        activity?.SetTag(ScannerTelemetry.RequestKindAttribute, kind.ToWireName());
        activity?.SetTag(ScannerTelemetry.PullCountedAttribute, kind.IsPullCounted());
        activity?.SetTag(ScannerTelemetry.ServerAddressAttribute, uri.Host);
        activity?.SetTag(ScannerTelemetry.ServerPortAttribute, uri.Port);
        activity?.SetTag(ScannerTelemetry.RequestMethodAttribute, method.Method);
        int? status = null;
        try
        {
            using var message = new HttpRequestMessage(method, uri);
            configure(message);
            message.Headers.Authorization = authorization;
            Accounting.CountRequest(kind);
            var mark = host.Pulls.Mark;
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            activity?.SetTag(ScannerTelemetry.StatusCodeAttribute, status);

            // A 401 is the expected first half of an auth round trip, not an error.
            if (status >= 400 && response.StatusCode != HttpStatusCode.Unauthorized)
            {
                activity?.SetStatus(ActivityStatusCode.Error);
                activity?.SetTag(ScannerTelemetry.ErrorTypeAttribute, status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (host.IsSameOrigin(uri))
            {
                ReadPullAllowance(kind, host, response, mark);
            }

            if (followRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                return (null, location.IsAbsoluteUri ? location : new Uri(uri, location));
            }

            byte[] body = [];
            if (method != HttpMethod.Head)
            {
                var success = response.IsSuccessStatusCode;
                body = await ReadBodyAsync(response.Content, success ? maxBodyBytes : BodyLimits.Ignored, failWhenOver: success, description, cancellationToken).ConfigureAwait(false);
                Accounting.CountBytes(body.Length);
            }

            return (new RegistryResponse(response.StatusCode, uri, response.Headers, response.Content.Headers, body), null);
        }
        catch (Exception exception) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag(ScannerTelemetry.ErrorTypeAttribute, exception.GetType().FullName);
            throw;
        }
        finally
        {
            Accounting.CountExchange(kind, uri, status);
        }
    }

    private void ReadPullAllowance(RequestKind kind, RegistryHost host, HttpResponseMessage response, long mark)
    {
        RateLimitValue? limit = RateLimitValue.TryParse(HeaderValue(response, RateLimitValue.LimitHeader), out var l) ? l : null;
        RateLimitValue? remaining = RateLimitValue.TryParse(HeaderValue(response, RateLimitValue.RemainingHeader), out var r) ? r : null;
        var pullCounted = kind.IsPullCounted();
        var spent = pullCounted && response.StatusCode != HttpStatusCode.TooManyRequests;
        if (host.Pulls.Read(limit, remaining, pullCounted, spent, mark, _time.GetUtcNow()) is { } held)
        {
            _telemetry.RecordPullAllowanceRemaining(host.BaseUri.Host, host.BaseUri.Port, held);
        }
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task<byte[]> ReadBodyAsync(HttpContent content, long cap, bool failWhenOver, string description, CancellationToken cancellationToken)
    {
        if (failWhenOver && content.Headers.ContentLength is { } declared && declared > cap)
        {
            throw new RegistryException(RegistryErrorKind.TooLarge, $"{description}: body of {declared} bytes is over the {cap} byte cap");
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            while (true)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > cap)
                {
                    if (failWhenOver)
                    {
                        throw new RegistryException(RegistryErrorKind.TooLarge, $"{description}: body is over the {cap} byte cap");
                    }

                    buffer.Write(chunk, 0, (int)(cap - buffer.Length));
                    return buffer.ToArray();
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }

    private async Task<(AuthenticationHeaderValue? Header, BearerToken? Token)> AuthorizeAsync(
        RegistryHost host, string scope, RegistryRequest request, CancellationToken cancellationToken)
    {
        var challenge = host.Challenge;
        if (challenge is null)
        {
            return (null, null);
        }

        if (challenge.IsBasic)
        {
            return host.Options.HasCredentials ? (BasicHeader(host.Options), null) : (null, null);
        }

        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || (realm.Scheme != Uri.UriSchemeHttps && realm.Scheme != Uri.UriSchemeHttp))
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: Bearer challenge realm '{challenge.Realm}' is not an http(s) URL");
        }

        if (realm.Scheme != Uri.UriSchemeHttps && !host.Options.Insecure)
        {
            throw new RegistryException(RegistryErrorKind.Configuration, $"{request}: token realm {realm.GetLeftPart(UriPartial.Authority)} is plain http and {host.Endpoint} is not marked insecure");
        }

        var service = challenge.Service ?? string.Empty;
        // The fetch is shared by every caller waiting for this scope, so no one caller's cancellation may end it; it is
        // bounded by the request timeout, and each caller stops waiting when its own token is cancelled.
        var token = await _tokens.GetAsync(
            challenge.Realm!,
            service,
            scope,
            () => FetchTokenAsync(host, realm, service, scope, CancellationToken.None)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return (new AuthenticationHeaderValue("Bearer", token.Value), token);
    }

    private async Task<BearerToken> FetchTokenAsync(RegistryHost host, Uri realm, string service, string scope, CancellationToken cancellationToken)
    {
        var query = new StringBuilder(realm.Query.Length == 0 ? "?" : realm.Query + "&");
        if (service.Length > 0)
        {
            query.Append("service=").Append(Uri.EscapeDataString(service)).Append('&');
        }

        query.Append("scope=").Append(Uri.EscapeDataString(scope));
        var uri = new UriBuilder(realm) { Query = query.ToString().TrimStart('?') }.Uri;

        // Credentials go to the realm the registry named, and over plain http only on the same insecure host.
        var sendCredentials = host.Options.HasCredentials &&
                              (realm.Scheme == Uri.UriSchemeHttps || string.Equals(realm.Host, host.BaseUri.Host, StringComparison.OrdinalIgnoreCase));
        var realmGate = _hosts.GetOrAdd("token " + realm.Authority, _ => new RegistryHost(realm.Authority, null, _httpOptions, _time));
        var description = $"GET token {realm.GetLeftPart(UriPartial.Path)} for {scope}";
        var exchange = new RegistryExchange(
            RequestKind.Token,
            realmGate,
            uri,
            HttpMethod.Get,
            _ => { },
            sendCredentials ? BasicHeader(host.Options) : null,
            BodyLimits.Token,
            FollowRedirects: false,
            description);
        var response = await ExchangeAsync(exchange, cancellationToken).ConfigureAwait(false);

        if (!response.IsSuccess)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{description}: token service answered {(int)response.Status}");
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body);
            var root = document.RootElement;
            var value = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                : root.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()
                : null;
            if (string.IsNullOrEmpty(value))
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized, $"{description}: the answer has no token");
            }

            // The spec's default lifetime is 60 s; the issuer's clock is not trusted, only the duration.
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 60;
            return new BearerToken(value, _time.GetUtcNow().AddSeconds(lifetime));
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"{description}: the answer is not JSON", exception);
        }
    }

    private static AuthenticationHeaderValue BasicHeader(RegistryHostOptions options) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));

    private RegistryHost HostFor(RepositoryName repository)
    {
        var endpoint = repository.RegistryEndpoint;
        return _hosts.GetOrAdd(endpoint, e => new RegistryHost(
            e,
            _options.FindHost(repository.Registry) ?? _options.FindHost(e),
            _httpOptions,
            _time));
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException ||
        (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    public void Dispose()
    {
        _http.Dispose();
        foreach (var host in _hosts.Values)
        {
            host.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry request {Request} failed ({Problem}), attempt {Attempt}; retrying after the host's backoff of up to {BackoffMs:0} ms")]
    private partial void LogRetrying(string request, string problem, int attempt, double backoffMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry {Host} answered 429; pausing all its requests for {WaitMs:0} ms")]
    private partial void LogThrottled(string host, double waitMs);
}
