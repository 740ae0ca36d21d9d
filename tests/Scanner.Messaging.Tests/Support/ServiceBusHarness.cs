using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scanner.Application.Relay;
using Scanner.Messaging.Extensions;
using Scanner.Testing.ServiceBus;

namespace Scanner.Messaging.Tests.Support;

/// <summary>
/// The app's Service Bus registration (<c>AddScannerServiceBus</c>) pointed at a <see cref="ServiceBusBroker"/>, with
/// short SDK retries and every log line kept.
/// </summary>
public sealed class ServiceBusHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ServiceBusHarness(ServiceProvider provider, CollectingLoggerProvider logs)
    {
        _provider = provider;
        Logs = logs;
    }

    public CollectingLoggerProvider Logs { get; }

    public IChangePublisher Publisher => _provider.GetServices<IChangePublisher>().Single();

    public ServiceBusClient Client => _provider.GetRequiredService<ServiceBusClient>();

    public static ServiceBusHarness For(string connectionString, int maxRetries = 3) =>
        Create(new Dictionary<string, string?>
        {
            ["ServiceBusConnection"] = connectionString,
            ["Scanner:ServiceBus:Retry:Mode"] = nameof(ServiceBusRetryMode.Fixed),
            ["Scanner:ServiceBus:Retry:Delay"] = "00:00:00.050",
            ["Scanner:ServiceBus:Retry:MaxRetries"] = maxRetries.ToString(),
            ["Scanner:ServiceBus:Retry:TryTimeout"] = "00:00:10",
        });

    public static ServiceBusHarness Create(IReadOnlyDictionary<string, string?> settings)
    {
        var logs = new CollectingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddScannerServiceBus(configuration)
            .BuildServiceProvider();
        return new ServiceBusHarness(provider, logs);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
