using System.Text.Json;
using Azure.Data.Tables;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Serialization;
using Scanner.Storage.Events;
using Scanner.Storage.Keys;

namespace Scanner.Storage.AllowList;

/// <summary>
/// Rows of the <c>allowlist</c> table, all in one partition (the list is small and read whole). A row may carry the
/// event of a change that is made but not yet in the outbox (<c>PendingEvent</c>), and a removal is a row marked
/// <c>Removed</c> until its event is out.
/// </summary>
public static class AllowListRows
{
    public const string Partition = "allowlist";

    private const string RepositoryProperty = "Repository";
    private const string AddedAtProperty = "AddedAt";
    private const string NoteProperty = "Note";
    private const string BlockedProperty = "Blocked";
    private const string RemovedProperty = "Removed";
    private const string PendingEventProperty = "PendingEvent";

    public static TableEntity ToEntity(AllowListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new TableEntity(Partition, RepositoryKey.For(row.Entry.Repository))
        {
            [RepositoryProperty] = row.Entry.Repository.Value,
            [AddedAtProperty] = row.Entry.AddedAt,
            [NoteProperty] = row.Entry.Note,
            [BlockedProperty] = JsonSerializer.Serialize(
                row.BlockNotes.ToDictionary(p => p.Key, p => p.Value ?? string.Empty, StringComparer.Ordinal),
                CoreJsonContext.Default.DictionaryStringString),
            [RemovedProperty] = row.Removed,
        };
        if (row.PendingEvent is not null)
        {
            entity[PendingEventProperty] = EventSerializer.Serialize(row.PendingEvent);
        }

        return entity;
    }

    public static AllowListRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var repository = RepositoryKey.Parse(entity.RowKey);
        var blocked = entity.GetString(BlockedProperty) is { Length: > 0 } json
            ? JsonSerializer.Deserialize(json, CoreJsonContext.Default.DictionaryStringString) ?? []
            : [];
        var notes = blocked.ToDictionary(p => p.Key, p => p.Value.Length == 0 ? null : p.Value, StringComparer.Ordinal);
        var entry = new AllowListEntry(
            repository,
            entity.GetDateTimeOffset(AddedAtProperty) ?? DateTimeOffset.MinValue,
            entity.GetString(NoteProperty),
            new HashSet<string>(notes.Keys, StringComparer.Ordinal));
        var pending = entity.GetBinary(PendingEventProperty) is { Length: > 0 } bytes ? EventSerializer.Deserialize(bytes) : null;
        return new AllowListRow(entry, notes, entity.GetBoolean(RemovedProperty) ?? false, pending) { ETag = entity.ETag };
    }
}
