using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Scanner.Cli.Tests.ServiceBus;

/// <summary>
/// A table pipeline policy that stands for a crash between the relay's publish and its outbox delete: once
/// <paramref name="armed"/> says the publish happened, the first request deleting rows of <paramref name="catalogTable"/>
/// (an entity DELETE, or a <c>$batch</c> transaction carrying DELETEs) fails without reaching the service, as a
/// transport failure does. Every other request passes untouched.
/// </summary>
internal sealed class FailFirstOutboxDeletePolicy(string catalogTable, Func<bool> armed) : HttpPipelinePolicy
{
    private int _failed;

    /// <summary>What the failed request was (method, path, how many deletes it carried).</summary>
    public string? FailedRequest { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public bool HasFailed => Volatile.Read(ref _failed) == 1;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfFirstOutboxDelete(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfFirstOutboxDelete(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void FailIfFirstOutboxDelete(HttpMessage message)
    {
        if (HasFailed || !armed() || DescribeOutboxDelete(message.Request) is not { } description ||
            Interlocked.CompareExchange(ref _failed, 1, 0) != 0)
        {
            return;
        }

        FailedRequest = description;
        FailedAt = DateTimeOffset.UtcNow;
        throw new RequestFailedException(0, $"Injected failure of the first outbox delete ({description}): the relay stops after its publish.");
    }

    private string? DescribeOutboxDelete(Request request)
    {
        var path = Uri.UnescapeDataString(request.Uri.Path);
        if (request.Method == RequestMethod.Delete && path.Contains($"/{catalogTable}(", StringComparison.Ordinal) &&
            path.Contains("outbox~", StringComparison.Ordinal))
        {
            return $"DELETE {path}";
        }

        if (request.Method != RequestMethod.Post || !path.EndsWith("/$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        var body = Uri.UnescapeDataString(Encoding.UTF8.GetString(buffer.ToArray()));
        var deletes = body.Split('\n').Count(line =>
            line.StartsWith("DELETE ", StringComparison.Ordinal) && line.Contains($"/{catalogTable}(", StringComparison.Ordinal) &&
            line.Contains("outbox~", StringComparison.Ordinal));
        return deletes > 0 ? $"POST {path} carrying {deletes} DELETE(s) of outbox rows of table {catalogTable}" : null;
    }
}
