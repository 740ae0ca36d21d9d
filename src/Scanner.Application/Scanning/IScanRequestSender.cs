using Scanner.Core.Scanning;

namespace Scanner.Application.Scanning;

/// <summary>Enqueues scan requests (queue <c>scan-requests</c>); duplicates by message id are dropped by the queue.</summary>
public interface IScanRequestSender
{
    Task SendAsync(IReadOnlyList<ScanRequest> requests, CancellationToken cancellationToken = default);
}
