namespace Scanner.Application.Relay;

/// <summary>Appends to the change feed (table <c>changes</c>), idempotently per event id.</summary>
public interface IChangeFeedWriter
{
    /// <summary>
    /// Appends the entries' events in order, each once: an event id already in the feed is skipped. Returns how many
    /// were new.
    /// </summary>
    Task<int> AppendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default);
}
