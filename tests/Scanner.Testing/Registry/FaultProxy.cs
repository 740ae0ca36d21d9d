using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Scanner.Core.Repositories;

namespace Scanner.Testing.Registry;

/// <summary>
/// A small HTTP proxy in front of the real registry. Every request is recorded; a rule sees each request first and
/// may answer it itself (a fault) or forward it and alter the answer. Without a rule it forwards unchanged.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private static readonly string[] ForwardedResponseHeaders =
        ["Content-Type", "Docker-Content-Digest", "Link", "Location", "WWW-Authenticate", "Docker-Distribution-Api-Version"];

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Func<FaultProxy, HttpContext, int, Task<bool>> _rule;
    private int _count;

    private FaultProxy(Uri upstream, int port, Func<FaultProxy, HttpContext, int, Task<bool>> rule)
    {
        _rule = rule;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = upstream };
        Host = $"127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{Host}");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string Host { get; }

    /// <summary>Requests received, as <c>METHOD /path?query</c>, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Starts a proxy to <paramref name="upstream"/>; <paramref name="rule"/> gets the proxy, the request and its 1-based number, and returns true when it answered.</summary>
    public static async Task<FaultProxy> StartAsync(Uri upstream, Func<FaultProxy, HttpContext, int, Task<bool>> rule)
    {
        var proxy = new FaultProxy(upstream, FreePort.Next(), rule);
        await proxy._app.StartAsync();
        return proxy;
    }

    /// <summary>The same repository as the registry's, reached through the proxy.</summary>
    public RepositoryName Through(RepositoryName repository) => RepositoryName.Parse($"{Host}/{repository.Path}");

    public async Task<UpstreamResponse> FetchAsync(HttpContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        foreach (var name in new[] { "Accept", "Authorization" })
        {
            if (context.Request.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in ForwardedResponseHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        // HEAD answers carry the length of the body a GET would get.
        if (response.Content.Headers.ContentLength is { } length)
        {
            headers["Content-Length"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new UpstreamResponse(response.StatusCode, headers, body);
    }

    public static async Task WriteAsync(HttpContext context, UpstreamResponse response)
    {
        context.Response.StatusCode = (int)response.Status;
        foreach (var (name, value) in response.Headers)
        {
            if (!string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = value;
            }
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            if (response.Headers.TryGetValue("Content-Length", out var length))
            {
                context.Response.ContentLength = long.Parse(length, System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref _count);
        Requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        if (!await _rule(this, context, number))
        {
            await WriteAsync(context, await FetchAsync(context));
        }
    }

    public static bool IsTagList(HttpContext context) => context.Request.Path.Value!.EndsWith("/tags/list", StringComparison.Ordinal);

    public static bool IsManifest(HttpContext context, string method) =>
        context.Request.Method == method && context.Request.Path.Value!.Contains("/manifests/", StringComparison.Ordinal);

    public static bool IsBlob(HttpContext context) => context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
