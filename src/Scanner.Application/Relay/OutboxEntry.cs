using Scanner.Core.Changes;
using Scanner.Core.Repositories;

namespace Scanner.Application.Relay;

/// <summary>One event waiting in a repository's outbox, with its JSON exactly as the feed will store it.</summary>
/// <param name="Key">The adapter's identity of the row (opaque here); deleting uses it.</param>
/// <param name="WrittenAt">When the commit wrote it; entries older than a minute were left behind by a crash.</param>
public sealed record OutboxEntry(RepositoryName Repository, string Key, CloudEvent Event, ReadOnlyMemory<byte> Json, DateTimeOffset WrittenAt);
