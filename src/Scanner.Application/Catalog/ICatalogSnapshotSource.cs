using Scanner.Core.Catalog;

namespace Scanner.Application.Catalog;

/// <summary>
/// The in-memory catalog the HTTP API answers from. <see cref="Current"/> costs no I/O; <see cref="RefreshAsync"/>
/// makes one point read of the feed head and applies new events only when it moved.
/// </summary>
public interface ICatalogSnapshotSource
{
    CatalogSnapshotView Current { get; }

    Task<CatalogSnapshotView> RefreshAsync(CancellationToken cancellationToken = default);
}

/// <summary>A catalog as of feed sequence <see cref="Sequence"/>; the sequence makes a cheap, strong ETag.</summary>
public sealed record CatalogSnapshotView(IExtensionCatalog Catalog, long Sequence, DateTimeOffset LoadedAt);
