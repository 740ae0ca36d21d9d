using Azure.Data.Tables;
using Scanner.Application.Scanning;
using Scanner.Core.Repositories;
using Scanner.Storage.Keys;

namespace Scanner.Storage.Scanning;

/// <summary>
/// The scan bookkeeping as properties of a repository's state row in <c>catalog</c>, one per field, beside the
/// commit's own (<c>ScanCount</c>, <c>PendingRevision</c>, <c>LastCommitAt</c>), which no bookkeeping write touches.
/// </summary>
/// <remarks>
/// Writes are MERGEs, and the Table service treats a null property in a MERGE as absent (the old value stays). So a
/// field that is cleared is written as an empty string, which reads back as null: the service keeps no schema, and a
/// property may be a date in one write and an empty string in the next.
/// </remarks>
public static class ScanStateRows
{
    /// <summary>A failure reason is stored up to this many characters (a string property holds at most 32K).</summary>
    public const int MaxFailureLength = 4000;

    private const string RequestCount = "RequestCount";
    private const string ScannedRequestCount = "ScannedRequestCount";
    private const string RequestedAt = "RequestedAt";
    private const string PendingSince = "PendingSince";
    private const string LeaseOwner = "LeaseOwner";
    private const string LeaseUntil = "LeaseUntil";
    private const string LastStartedAt = "LastStartedAt";
    private const string LastEndedAt = "LastEndedAt";
    private const string LastOutcome = "LastOutcome";
    private const string LastFailure = "LastFailure";
    private const string LastSucceededAt = "LastSucceededAt";
    private const string RetryAt = "RetryAt";

    public static TableEntity ToEntity(RepositoryName repository, ScanBookkeeping bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(bookkeeping);
        return new TableEntity(RepositoryKey.For(repository), CatalogRowKeys.State)
        {
            ["Repository"] = repository.Value,
            [RequestCount] = bookkeeping.RequestCount,
            [ScannedRequestCount] = bookkeeping.ScannedRequestCount,
            [RequestedAt] = Time(bookkeeping.RequestedAt),
            [PendingSince] = Time(bookkeeping.PendingSince),
            [LeaseOwner] = bookkeeping.LeaseOwner ?? string.Empty,
            [LeaseUntil] = Time(bookkeeping.LeaseUntil),
            [LastStartedAt] = Time(bookkeeping.LastStartedAt),
            [LastEndedAt] = Time(bookkeeping.LastEndedAt),
            [LastOutcome] = bookkeeping.LastOutcome?.ToString() ?? string.Empty,
            [LastFailure] = Shorten(bookkeeping.LastFailure) ?? string.Empty,
            [LastSucceededAt] = Time(bookkeeping.LastSucceededAt),
            [RetryAt] = Time(bookkeeping.RetryAt),
        };
    }

    public static StoredScanState FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var bookkeeping = new ScanBookkeeping
        {
            RequestCount = entity.GetInt64(RequestCount) ?? 0,
            ScannedRequestCount = entity.GetInt64(ScannedRequestCount) ?? 0,
            RequestedAt = ReadTime(entity, RequestedAt),
            PendingSince = ReadTime(entity, PendingSince),
            LeaseOwner = ReadText(entity, LeaseOwner),
            LeaseUntil = ReadTime(entity, LeaseUntil),
            LastStartedAt = ReadTime(entity, LastStartedAt),
            LastEndedAt = ReadTime(entity, LastEndedAt),
            LastOutcome = Enum.TryParse<ScanOutcomeKind>(ReadText(entity, LastOutcome), ignoreCase: false, out var outcome) ? outcome : null,
            LastFailure = ReadText(entity, LastFailure),
            LastSucceededAt = ReadTime(entity, LastSucceededAt),
            RetryAt = ReadTime(entity, RetryAt),
        };
        return new StoredScanState(RepositoryKey.Parse(entity.PartitionKey), bookkeeping, entity.ETag.ToString());
    }

    private static object Time(DateTimeOffset? value) => value is { } time ? time.ToUniversalTime() : string.Empty;

    private static DateTimeOffset? ReadTime(TableEntity entity, string name) =>
        entity.TryGetValue(name, out var value) ? value switch
        {
            DateTimeOffset time => time,
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            _ => null,
        } : null;

    private static string? ReadText(TableEntity entity, string name) =>
        entity.TryGetValue(name, out var value) && value is string { Length: > 0 } text ? text : null;

    private static string? Shorten(string? text) =>
        text is { Length: > MaxFailureLength } ? string.Concat(text.AsSpan(0, MaxFailureLength - 1), "…") : text;
}
