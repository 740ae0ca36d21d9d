using System.Text.Json;
using Microsoft.Extensions.Options;
using Scanner.Functions.CustomHandler;
using Scanner.Functions.Functions;
using Scanner.Messaging;
using Scanner.Messaging.InProcess;
using Scanner.Registry;

namespace Scanner.Functions.Hosting;

/// <summary>
/// Standalone mode's Service Bus triggers: when the in-process bus stands in for Service Bus, its queue and topic
/// subscription feed <c>ScanRepository</c> and <c>NotifySubscribers</c> through the same invoker the host's invocations
/// use. A handler that throws leaves the message for redelivery, as a failed trigger does in Azure.
/// </summary>
public sealed class StandaloneBusConsumers(IServiceProvider services, FunctionInvoker invoker, IOptions<RegistryOptions> registry) : IHostedService
{
    public const int NotifyConcurrency = 4;

    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<InProcessBus>() is not { } bus)
        {
            return Task.CompletedTask;
        }

        _subscriptions.Add(bus.Subscribe(
            MessagingEntities.ScanRequests,
            (message, token) => InvokeAsync(FunctionCatalog.ScanRepository, message, token),
            // Scanner:ScanConcurrency plays host.json's maxConcurrentCalls: how many repositories are scanned at once.
            registry.Value.ScanConcurrency));
        _subscriptions.Add(bus.Subscribe(
            MessagingEntities.ExtensionChanges,
            MessagingEntities.WebhooksSubscription,
            (message, token) => InvokeAsync(FunctionCatalog.NotifySubscribers, message, token),
            NotifyConcurrency));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
        return Task.CompletedTask;
    }

    private Task InvokeAsync(FunctionDeclaration function, ReceivedMessage message, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = JsonDocument.Parse(message.Body);
            body = TriggerPayload.Unwrap(document.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"{function.Name} received a message whose body is not JSON.", e);
        }

        return invoker.InvokeAsync(function, body, cancellationToken);
    }
}
