using Scanner.Application.Scanning;
using Scanner.Core.Catalog;

namespace Scanner.Application.AllowList;

/// <summary>The entry after an addition, and the first scan it asked for (null when it was there already).</summary>
public sealed record AllowListChange(AllowListEntry Entry, ScanRequestReceipt? Scan);
