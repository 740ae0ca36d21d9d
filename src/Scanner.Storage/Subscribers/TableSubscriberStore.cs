using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Scanner.Application.Subscribers;
using Scanner.Storage.Tables;

namespace Scanner.Storage.Subscribers;

/// <summary>
/// Subscribers in Table Storage, table <c>subscribers</c> (one partition: the set is small and always read whole).
/// The secret is stored because every delivery is signed with it; it leaves this type only inside
/// <see cref="Subscriber"/>, whose <c>ToString</c> omits it, and is never logged.
/// </summary>
public sealed partial class TableSubscriberStore : ISubscriberStore
{
    private const string Partition = "subscriber";
    private const char EventTypeSeparator = ' ';

    private readonly TableClient table;
    private readonly ILogger<TableSubscriberStore> logger;

    public TableSubscriberStore(StorageTables tables, ILogger<TableSubscriberStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.Subscribers;
        this.logger = logger;
    }

    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        var subscribers = new List<Subscriber>();
        try
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                subscribers.Add(ToSubscriber(entity));
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While("listing subscribers", table.Uri, ex);
        }

        return subscribers;
    }

    public async Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        try
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.HasValue && response.Value is not null ? ToSubscriber(response.Value) : null;
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"reading subscriber {id}", table.Uri, ex);
        }
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

        var entity = new TableEntity(Partition, subscriber.Id)
        {
            ["Url"] = subscriber.Url.AbsoluteUri,
            ["Secret"] = subscriber.Secret,
            ["EventTypes"] = string.Join(EventTypeSeparator, subscriber.EventTypes),
            ["CreatedAt"] = subscriber.CreatedAt,
        };
        try
        {
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"saving subscriber {subscriber.Id}", table.Uri, ex);
        }

        LogUpserted(subscriber.Id, subscriber.Url.Host, subscriber.EventTypes.Count);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        CheckId(id);
        try
        {
            // The SDK answers a delete of a missing row with its 404 response instead of throwing.
            using var response = await table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken).ConfigureAwait(false);
            if (response.Status == 404)
            {
                return false;
            }
        }
        catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
        {
            throw StorageUnavailableException.While($"deleting subscriber {id}", table.Uri, ex);
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
