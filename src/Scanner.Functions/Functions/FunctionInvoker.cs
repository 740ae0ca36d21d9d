using System.Text.Json;
using Scanner.Core.Changes;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Serialization;
using Scanner.Functions.CustomHandler;
using Scanner.Functions.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Functions.Functions;

/// <summary>
/// Runs the non-HTTP functions, whoever triggers them: the Functions host (custom-handler mode), or the in-process
/// timers and bus (standalone mode). One path, so both modes behave the same.
/// </summary>
public sealed class FunctionInvoker(IServiceProvider services)
{
    /// <summary>How old an outbox entry must be before the timer relays it: younger ones are still being relayed by their scan.</summary>
    public static readonly TimeSpan StaleOutboxAge = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(FunctionDeclaration function, JsonElement? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        switch (function.Name)
        {
            case "ScheduleScans":
                await services.GetRequiredService<ScanRequestDispatcher>().RequestAllAsync(cancellationToken).ConfigureAwait(false);
                break;
            case "RelayOutbox":
                await services.GetRequiredService<IOutboxRelay>().RelayStaleAsync(StaleOutboxAge, cancellationToken).ConfigureAwait(false);
                break;
            case "ScanRepository":
                var repository = ReadScanRequest(message);
                await services.GetRequiredService<ScanCoordinator>().ScanAsync(repository, cancellationToken).ConfigureAwait(false);
                break;
            case "NotifySubscribers":
                await services.GetRequiredService<SubscriberDelivery>().NotifyAsync(ReadEvent(message), cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{function.Name} is not a function this app can invoke.");
        }
    }

    /// <summary>A scan request body: <c>{"repository":"docker.io/acme/ext"}</c>.</summary>
    public static RepositoryName ReadScanRequest(JsonElement? message)
    {
        if (message is not { ValueKind: JsonValueKind.Object } body ||
            !body.TryGetProperty("repository", out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidMessageException("A scan request must be a JSON object with a string property \"repository\".");
        }

        if (!RepositoryName.TryParse(value.GetString(), out var repository, out var error))
        {
            throw new InvalidMessageException($"The scan request's repository is not valid: {error}");
        }

        return repository;
    }

    /// <summary>A change event as the topic carries it: a CloudEvent in JSON structured mode.</summary>
    public static CloudEvent ReadEvent(JsonElement? message)
    {
        const string Expected = "A change event must be a CloudEvent JSON object with id, source, type and time.";
        if (message is not { ValueKind: JsonValueKind.Object } body)
        {
            throw new InvalidMessageException(Expected);
        }

        try
        {
            return body.Deserialize(CoreJsonContext.Default.CloudEvent) ?? throw new InvalidMessageException(Expected);
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException(Expected, e);
        }
    }
}
