namespace Scanner.Storage.Keys;

/// <summary>Row keys of the <c>catalog</c> table besides version rows (<see cref="VersionRowKey"/>).</summary>
public static class CatalogRowKeys
{
    /// <summary>The state row of a repository: scan count, last scan, commit in progress.</summary>
    public const string State = "state";

    /// <summary>Outbox rows are <c>outbox~{event id}</c>: a retried commit rewrites the same row.</summary>
    public const string OutboxPrefix = "outbox~";

    /// <summary>Exclusive upper bound of outbox row keys (event ids are lower-case hex).</summary>
    public const string OutboxUpperBound = "outbox~~";

    public static string Outbox(string eventId) => OutboxPrefix + eventId;
}
