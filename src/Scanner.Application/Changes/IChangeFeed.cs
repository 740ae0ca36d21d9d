using Scanner.Core.Changes;

namespace Scanner.Application.Changes;

/// <summary>The ordered, gapless change feed, read by opaque cursor.</summary>
public interface IChangeFeed
{
    /// <summary>
    /// Events after <paramref name="cursor"/> (null = from the start), in sequence order, at most
    /// <paramref name="limit"/>. Throws <see cref="FormatException"/> for a cursor this feed did not issue.
    /// </summary>
    Task<ChangePage> ReadAsync(string? cursor, int limit, CancellationToken cancellationToken = default);

    /// <summary>The events with these ids, in feed order; ids not in the feed are left out.</summary>
    Task<IReadOnlyList<CloudEvent>> ReadByIdsAsync(IReadOnlyList<string> eventIds, CancellationToken cancellationToken = default);
}
