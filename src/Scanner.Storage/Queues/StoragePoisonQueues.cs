using System.Net;
using Azure;
using Scanner.Application.Queues;

namespace Scanner.Storage.Queues;

/// <summary>The approximate message count of each work queue's poison queue: one properties read per queue.</summary>
public sealed class StoragePoisonQueues(StorageQueues queues) : IPoisonQueues
{
    public async Task<IReadOnlyDictionary<string, int>> CountAsync(CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var queue in WorkQueues.All)
        {
            var poison = queues.Get(WorkQueues.PoisonOf(queue));
            try
            {
                var properties = await poison.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
                counts[queue] = properties.Value.ApproximateMessagesCount;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
            {
                // Nothing was ever poisoned into a queue that does not exist.
                counts[queue] = 0;
            }
            catch (Exception ex) when (StorageUnavailableException.IsUnreachable(ex, cancellationToken))
            {
                throw StorageUnavailableException.While($"counting the messages of queue {poison.Name}", poison.Uri, ex);
            }
        }

        return counts;
    }
}
