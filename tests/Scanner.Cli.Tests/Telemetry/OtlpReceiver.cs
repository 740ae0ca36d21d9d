using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scanner.Cli.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP collector on a free loopback port: accepts <c>POST /v1/traces</c>, <c>/v1/metrics</c> and
/// <c>/v1/logs</c> in <c>application/x-protobuf</c>, keeps every body as sent (gunzipped when compressed), answers 200.
/// Protobuf strings are raw UTF-8 in the bytes, so a byte search finds a span name, a metric name or an attribute value.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    public const string Traces = "/v1/traces";
    public const string Metrics = "/v1/metrics";
    public const string Logs = "/v1/logs";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<OtlpExport> _exports = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>What <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set to; the exporter appends the signal's path.</summary>
    public Uri Endpoint { get; }

    public IReadOnlyList<OtlpExport> Exports => [.. _exports];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        foreach (var path in new[] { Traces, Metrics, Logs })
        {
            app.MapPost(path, (HttpContext context) => receiver!.AcceptAsync(path, context));
        }

        await app.StartAsync();
        receiver = new OtlpReceiver(app, new Uri(app.Urls.First()).Port);
        return receiver;
    }

    /// <summary>The bodies received on <paramref name="path"/>, one after another.</summary>
    public byte[] Received(string path) => [.. _exports.Where(e => e.Path == path).SelectMany(e => e.Body)];

    /// <summary>True when the bodies received on <paramref name="path"/> hold <paramref name="text"/> as UTF-8.</summary>
    public bool Holds(string path, string text) => Contains(Received(path), text);

    public static bool Contains(byte[] bytes, string text)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(string path, HttpContext context)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(context.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(context.Request.Body, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer, context.RequestAborted);
        }
        else
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }

        _exports.Enqueue(new OtlpExport(path, context.Request.ContentType, buffer.ToArray()));

        // An empty Export*ServiceResponse: everything accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength = 0;
    }
}
