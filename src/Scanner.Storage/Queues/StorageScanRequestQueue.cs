using Scanner.Application.Queues;
using Scanner.Application.Scanning;
using Scanner.Application.Serialization;

namespace Scanner.Storage.Queues;

/// <summary>Queue <c>scan-requests</c>: one JSON <see cref="ScanRequest"/> per message, delayed by its visibility timeout.</summary>
public sealed class StorageScanRequestQueue(StorageQueues queues) : IScanRequestQueue
{
    public Task EnqueueAsync(ScanRequest request, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonQueueMessage.SendAsync(queues.Get(WorkQueues.ScanRequests), request, ApplicationJsonContext.Default.ScanRequest, delay, cancellationToken);
    }
}
