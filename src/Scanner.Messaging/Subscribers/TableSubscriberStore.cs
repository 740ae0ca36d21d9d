using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Scanner.Messaging.Subscribers;

/// <summary>
/// Subscribers in Table Storage, table <c>subscribers</c> (one partition: the set is small and always read whole).
/// The secret is stored because every delivery is signed with it; it leaves this type only inside
/// <see cref="Subscriber"/>, whose <c>ToString</c> omits it, and is never logged.
/// </summary>
public sealed partial class TableSubscriberStore : ISubscriberStore
{
    public const string TableName = "subscribers";

    private const string Partition = "subscriber";
    private const char EventTypeSeparator = ' ';

    private readonly TableClient _table;
    private readonly ILogger _logger;
    private volatile bool _tableExists;

    public TableSubscriberStore(TableServiceClient service, IOptions<SubscriberOptions> options, ILogger<TableSubscriberStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _table = service.GetTableClient(options.Value.TableNamePrefix + TableName);
        _logger = logger ?? NullLogger<TableSubscriberStore>.Instance;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var subscribers = new List<Subscriber>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            subscribers.Add(ToSubscriber(entity));
        }

        return subscribers;
    }

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToSubscriber(response.Value!) : null;
    }

    public async Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        CheckId(subscriber.Id);
        ArgumentException.ThrowIfNullOrEmpty(subscriber.Secret, nameof(subscriber));
        foreach (var type in subscriber.EventTypes)
        {
            if (string.IsNullOrWhiteSpace(type) || type.Contains(EventTypeSeparator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Event type filter '{type}' is empty or contains a space.", nameof(subscriber));
            }
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(Partition, subscriber.Id)
        {
            ["Url"] = subscriber.Url.AbsoluteUri,
            ["Secret"] = subscriber.Secret,
            ["EventTypes"] = string.Join(EventTypeSeparator, subscriber.EventTypes),
            ["CreatedAt"] = subscriber.CreatedAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        LogUpserted(subscriber.Id, subscriber.Url.Host, subscriber.EventTypes.Count);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        // The SDK answers a delete of a missing row with its 404 response instead of throwing.
        using var response = await _table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return false;
        }

        LogDeleted(id);
        return true;
    }

    /// <summary>Ids are row keys: 1 to 128 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void CheckId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a subscriber id: use 1 to 128 letters, digits, '-', '_' or '.'.", nameof(id));
        }
    }

    // Creation is idempotent, so concurrent first calls may both create; a failure is simply tried again next call.
    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _tableExists = true;
        }
    }

    private static Subscriber ToSubscriber(TableEntity entity)
    {
        var eventTypes = entity.GetString("EventTypes") is { Length: > 0 } types
            ? types.Split(EventTypeSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new Subscriber(
            entity.RowKey,
            new Uri(entity.GetString("Url") ?? throw new InvalidDataException($"Subscriber row '{entity.RowKey}' has no Url.")),
            entity.GetString("Secret") ?? throw new InvalidDataException($"Subscriber row '{entity.RowKey}' has no Secret."),
            eventTypes,
            entity.GetDateTimeOffset("CreatedAt") ?? entity.Timestamp ?? DateTimeOffset.UnixEpoch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} saved (host {Host}, {EventTypeCount} event type filter(s))")]
    private partial void LogUpserted(string subscriberId, string host, int eventTypeCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscriber {SubscriberId} deleted")]
    private partial void LogDeleted(string subscriberId);
}
