using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// Subscriber endpoints on a free loopback port (plain http): each path records what it receives and answers with a
/// scripted sequence of statuses (then 200), optionally after a delay.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        receiver = new WebhookReceiver(app, new Uri(app.Urls.First()).Port);
        return receiver;
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path.TrimStart('/')}");

    /// <summary>The next requests to <paramref name="path"/> get these statuses, in order; later ones get 200.</summary>
    public void Respond(string path, params int[] statuses)
    {
        var script = _scripts.GetOrAdd(Normalize(path), _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            script.Enqueue(status);
        }
    }

    /// <summary>Requests to <paramref name="path"/> are answered after <paramref name="delay"/>.</summary>
    public void Delay(string path, TimeSpan delay) => _delays[Normalize(path)] = delay;

    public IReadOnlyList<ReceivedWebhook> ReceivedAt(string path) =>
        [.. _received.Where(r => r.Path == Normalize(path))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private async Task HandleAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var path = context.Request.Path.Value ?? "/";
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (_delays.TryGetValue(path, out var delay))
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        var status = _scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted) ? scripted : 200;
        _received.Enqueue(new ReceivedWebhook(
            path, receivedAt, context.Request.ContentType, context.Request.Headers["X-Scanner-Signature"].ToString(), buffer.ToArray(), status));
        context.Response.StatusCode = status;
    }
}
