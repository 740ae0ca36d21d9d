using Scanner.Core.Repositories;

namespace Scanner.Application.Scanning;

/// <summary>The scan bookkeeping of one repository as read, with the ETag a conditional write must match.</summary>
/// <param name="ETag">Null when the repository has no state row yet.</param>
public sealed record StoredScanState(RepositoryName Repository, ScanBookkeeping Bookkeeping, string? ETag);
