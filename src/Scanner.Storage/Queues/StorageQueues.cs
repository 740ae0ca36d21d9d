using System.Collections.Frozen;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Scanner.Application.Queues;

namespace Scanner.Storage.Queues;

/// <summary>
/// The Storage queues of the app: each work queue of <see cref="WorkQueues"/> and its poison queue, under the logical
/// names the app and the Functions host use, mapped here (and only here) to physical names with the configured
/// <see cref="StorageOptions.QueuePrefix"/>.
/// </summary>
public sealed class StorageQueues
{
    private readonly FrozenDictionary<string, QueueClient> queues;

    public StorageQueues(QueueServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.Value.QueuePrefix;
        queues = WorkQueues.All
            .SelectMany(queue => new[] { queue, WorkQueues.PoisonOf(queue) })
            .ToFrozenDictionary(name => name, name => service.GetQueueClient(prefix + name), StringComparer.Ordinal);
    }

    /// <summary>Every logical queue name: the work queues and their poison queues.</summary>
    public IReadOnlyCollection<string> LogicalNames => queues.Keys;

    /// <summary>The client of a logical queue (<c>scan-requests</c>, <c>scan-requests-poison</c>, ...).</summary>
    public QueueClient Get(string logicalName)
    {
        ArgumentNullException.ThrowIfNull(logicalName);
        return queues.TryGetValue(logicalName, out var queue)
            ? queue
            : throw new ArgumentException(
                $"'{logicalName}' is not a queue of the app; known: {string.Join(", ", queues.Keys.Order(StringComparer.Ordinal))}.",
                nameof(logicalName));
    }

    /// <summary>The name of the queue in the account, prefix included.</summary>
    public string PhysicalName(string logicalName) => Get(logicalName).Name;

    /// <summary>Creates the queues that do not exist yet; safe to call on every start.</summary>
    public async Task EnsureQueuesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var queue in queues.Values)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
            {
                throw StorageUnavailableException.While($"creating queue {queue.Name}", queue.Uri, ex);
            }
        }
    }
}
