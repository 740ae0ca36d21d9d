using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Queues;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Cli.Standalone;
using Scanner.Storage.Queues;
using Scanner.Testing;

namespace Scanner.Cli.Tests.Support;

/// <summary>
/// The real <c>scanner serve</c> host on a free loopback port, against the environment's Azurite and registry, with
/// tables and queues of its own so tests do not see each other's data.
/// </summary>
public sealed class ScannerTestServer : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplication _app;

    private ScannerTestServer(WebApplication app, Uri baseAddress, string storagePrefix)
    {
        _app = app;
        BaseAddress = baseAddress;
        StoragePrefix = storagePrefix;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    /// <summary>The table and queue prefix of this server; a second server given the same one shares its storage.</summary>
    public string StoragePrefix { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The settings every test server gets; <paramref name="storagePrefix"/> isolates its tables and queues.</summary>
    public static Dictionary<string, string> Settings(ScannerEnvironment environment, string storagePrefix)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = environment.Azurite.ConnectionString,
            ["Scanner:Storage:TablePrefix"] = storagePrefix,
            ["Scanner:Storage:QueuePrefix"] = storagePrefix,
            ["Scanner:Subscribers:AllowPrivateNetworks"] = "true",
            ["Scanner:Subscribers:InitialRetryDelay"] = "00:00:00.100",
            ["Scanner:ApiKeys:Function"] = FunctionKey,
            ["Scanner:ApiKeys:Admin"] = AdminKey,
            ["Scanner:Registries:0:Host"] = environment.Registry.Server.Host,
            ["Scanner:Registries:0:Insecure"] = "true",
            ["Scanner:Catalog:RefreshSeconds"] = "0.5",

            // Scans run when the tests ask, not when the clock says; queues are polled often and retried soon.
            ["Scanner:ScanSchedule"] = "0 0 0 1 1 *",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00.500",
        };
    }

    public static string NewStoragePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <param name="configure">Runs on the host's builder before the app's services are added (log providers, pipeline policies).</param>
    public static async Task<ScannerTestServer> StartAsync(
        ScannerEnvironment environment,
        IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? time = null,
        string? storagePrefix = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = FreePort.Next();
        var prefix = storagePrefix ?? NewStoragePrefix();
        var values = Settings(environment, prefix);
        values["urls"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var args = values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = StandaloneHost.Build(args, builder =>
        {
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new ScannerTestServer(app, new Uri($"http://127.0.0.1:{port}/"), prefix);
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>
    /// Waits until this server's storage is idle: no scan pending or running, both work queues empty, the outbox
    /// relayed. Polls; a test never sleeps for a condition.
    /// </summary>
    public async Task WaitForIdleAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        var states = Service<IScanStateStore>();
        var queues = Service<StorageQueues>();
        var outbox = Service<IOutbox>();
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var busy = (await states.ListAsync()).Any(s => s.Bookkeeping.PendingSince is not null || ScanLeaseRules.IsLeased(s.Bookkeeping, now));
            foreach (var queue in WorkQueues.All)
            {
                busy |= (await queues.Get(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0;
            }

            busy |= await outbox.OldestAsync() is not null;
            if (!busy)
            {
                return;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException("The server did not become idle (scans, queues, outbox) in time.");
            }

            await Task.Delay(100);
        }
    }

    public static HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("x-functions-key", AdminKey);
        return request;
    }

    public static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
