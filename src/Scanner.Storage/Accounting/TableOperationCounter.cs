using Azure.Core;
using Azure.Core.Pipeline;

namespace Scanner.Storage.Accounting;

/// <summary>
/// Counts every request sent to the Table service by kind (a pipeline policy placed per retry, so a retried request
/// counts twice, as it costs twice). Add it to <c>TableClientOptions</c>; read <see cref="Snapshot"/> before and after.
/// </summary>
public sealed class TableOperationCounter : HttpPipelineSynchronousPolicy
{
    private long transactions;
    private long pointReads;
    private long queryPages;
    private long singleWrites;
    private long tableManagement;

    public TableOperationCounts Snapshot() => new(
        Interlocked.Read(ref transactions),
        Interlocked.Read(ref pointReads),
        Interlocked.Read(ref queryPages),
        Interlocked.Read(ref singleWrites),
        Interlocked.Read(ref tableManagement));

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (Classify(message.Request.Method, message.Request.Uri.Path))
        {
            case TableOperationKind.Transaction:
                Interlocked.Increment(ref transactions);
                break;
            case TableOperationKind.PointRead:
                Interlocked.Increment(ref pointReads);
                break;
            case TableOperationKind.QueryPage:
                Interlocked.Increment(ref queryPages);
                break;
            case TableOperationKind.SingleWrite:
                Interlocked.Increment(ref singleWrites);
                break;
            default:
                Interlocked.Increment(ref tableManagement);
                break;
        }
    }

    /// <summary>Tells the kind of a Table service request from its method and path.</summary>
    public static TableOperationKind Classify(RequestMethod method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var decoded = Uri.UnescapeDataString(path);
        if (decoded.EndsWith("$batch", StringComparison.Ordinal))
        {
            return TableOperationKind.Transaction;
        }

        var lastSegment = decoded[(decoded.LastIndexOf('/') + 1)..];
        if (lastSegment.StartsWith("Tables", StringComparison.Ordinal))
        {
            return TableOperationKind.TableManagement;
        }

        var namesEntity = lastSegment.Contains("PartitionKey=", StringComparison.Ordinal);
        if (method == RequestMethod.Get)
        {
            return namesEntity ? TableOperationKind.PointRead : TableOperationKind.QueryPage;
        }

        return TableOperationKind.SingleWrite;
    }
}
