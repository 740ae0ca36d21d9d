namespace Scanner.Storage.Feed;

/// <summary>An event ready for the feed: its id and its stored JSON.</summary>
public sealed record FeedEvent(string Id, ReadOnlyMemory<byte> Json);
