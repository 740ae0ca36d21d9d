using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Scanner.Storage.Accounting;

namespace Scanner.Storage.Tests.Support;

/// <summary>
/// Fault injection through the Azure SDK's own pipeline: a per-call policy that watches the requests to one table of
/// one kind (a transaction on <c>changes</c>, a single write to <c>allowlist</c>...) and, after the service answered
/// the N-th of them with success, throws as a process dying right after that durable step would, or runs an action
/// once (stopping Azurite, say). Production code has no hook for this: the tests see only what the SDK sends.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly Lock gate = new();
    private Rule? rule;

    /// <summary>Throws <see cref="SimulatedCrashException"/> after the <paramref name="occurrence"/>-th matching request succeeded.</summary>
    public void CrashAfter(string table, TableOperationKind kind, int occurrence = 1) =>
        Set(new Rule(table, kind, occurrence, Action: null));

    /// <summary>Runs <paramref name="action"/> once, after the <paramref name="occurrence"/>-th matching request succeeded.</summary>
    public void RunAfter(string table, TableOperationKind kind, Func<Task> action, int occurrence = 1) =>
        Set(new Rule(table, kind, occurrence, action));

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var matched = Matches(message);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        await AfterAsync(message, matched).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var matched = Matches(message);
        ProcessNext(message, pipeline);
        AfterAsync(message, matched).GetAwaiter().GetResult();
    }

    private void Set(Rule value)
    {
        lock (gate)
        {
            rule = value;
        }
    }

    private Rule? Matches(HttpMessage message)
    {
        var current = rule;
        if (current is null || TableOperationCounter.Classify(message.Request.Method, message.Request.Uri.Path) != current.Kind)
        {
            return null;
        }

        return TableOf(message.Request).Contains("/" + current.Table, StringComparison.Ordinal) ? current : null;
    }

    private async Task AfterAsync(HttpMessage message, Rule? matched)
    {
        if (matched is null || !message.HasResponse || message.Response.IsError)
        {
            return;
        }

        lock (gate)
        {
            if (!ReferenceEquals(rule, matched) || ++matched.Seen != matched.Occurrence)
            {
                return;
            }

            rule = null;
        }

        if (matched.Action is { } action)
        {
            await action().ConfigureAwait(false);
            return;
        }

        throw new SimulatedCrashException($"{matched.Kind} #{matched.Occurrence} on {matched.Table}");
    }

    // A transaction is posted to the account's $batch: the table is named only inside its multipart body.
    private static string TableOf(Request request)
    {
        if (!request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || request.Content is null)
        {
            return request.Uri.Path;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    private sealed record Rule(string Table, TableOperationKind Kind, int Occurrence, Func<Task>? Action)
    {
        public int Seen { get; set; }
    }
}
