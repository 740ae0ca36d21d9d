using Scanner.Core.Changes;

namespace Scanner.Storage.Feed;

/// <summary>An event ready for the feed: its id and its stored JSON.</summary>
public sealed record FeedEvent(string Id, byte[] Json)
{
    public static FeedEvent From(CloudEvent cloudEvent, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        return new FeedEvent(cloudEvent.Id, json);
    }
}
