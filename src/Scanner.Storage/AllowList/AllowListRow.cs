using Azure;
using Scanner.Core.Catalog;
using Scanner.Core.Changes;

namespace Scanner.Storage.AllowList;

/// <summary>An allow-list row: the entry, the note of each blocked version, and a change whose event is not out yet.</summary>
public sealed record AllowListRow(
    AllowListEntry Entry,
    IReadOnlyDictionary<string, string?> BlockNotes,
    bool Removed,
    CloudEvent? PendingEvent)
{
    public ETag ETag { get; init; }
}
