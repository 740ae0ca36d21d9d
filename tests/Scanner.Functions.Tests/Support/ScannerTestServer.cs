using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Functions.Hosting;
using Scanner.Messaging.InProcess;
using Scanner.Testing;

namespace Scanner.Functions.Tests.Support;

/// <summary>
/// The real <c>scanner serve</c> server (standalone or custom-handler mode) on a free loopback port, against the
/// environment's Azurite and registry, with tables of its own so tests do not see each other's data.
/// </summary>
public sealed class ScannerTestServer : IAsyncDisposable
{
    public const string FunctionKey = "test-function-key-0123456789";
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly WebApplication _app;

    private ScannerTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ScannerTestServer> StartAsync(
        ScannerEnvironment environment,
        HostMode mode = HostMode.Standalone,
        IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = FreePort.Next();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsStorage"] = environment.Azurite.ConnectionString,
            ["Scanner:Storage:TablePrefix"] = prefix,
            ["Scanner:Subscribers:TableNamePrefix"] = prefix,
            ["Scanner:Subscribers:AllowPrivateNetworks"] = "true",
            ["Scanner:ApiKeys:Function"] = FunctionKey,
            ["Scanner:ApiKeys:Admin"] = AdminKey,
            ["Scanner:Registries:0:Host"] = environment.Registry.Server.Host,
            ["Scanner:Registries:0:Insecure"] = "true",
            // Scans run when the tests ask, not when the clock says.
            ["Scanner:ScanSchedule"] = "0 0 0 1 1 *",
        };
        if (mode == HostMode.CustomHandler)
        {
            values[ScannerApp.CustomHandlerPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            values["urls"] = $"http://127.0.0.1:{port}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var args = values.Select(kv => $"--{kv.Key}={kv.Value}").ToArray();
        var app = ScannerApp.BuildServer(args, mode, builder =>
        {
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        return new ScannerTestServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Waits until every message on the in-process bus (scan requests, change events) is settled.</summary>
    public Task WaitForBusAsync() => Service<InProcessBus>().WaitForIdleAsync().WaitAsync(TimeSpan.FromSeconds(120));

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
