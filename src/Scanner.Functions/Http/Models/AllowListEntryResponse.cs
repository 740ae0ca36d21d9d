using Scanner.Application.Scanning;
using Scanner.Core.Catalog;

namespace Scanner.Functions.Http.Models;

/// <param name="Scan">The first scan an addition requested; absent otherwise.</param>
public sealed record AllowListEntryResponse(string Repository, DateTimeOffset AddedAt, string? Note, IReadOnlyList<string> BlockedVersions, ScanRequestReceipt? Scan)
{
    public static AllowListEntryResponse From(AllowListEntry entry, ScanRequestReceipt? scan = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Repository.Value, entry.AddedAt, entry.Note, [.. entry.BlockedVersions.Order(StringComparer.Ordinal)], scan);
    }
}
