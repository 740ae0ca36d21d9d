namespace Scanner.Application.Relay;

/// <summary>What a <see cref="IChangePublisher"/> did with a chunk: every event was taken except <see cref="Unpublishable"/>.</summary>
/// <param name="Unpublishable">Events the destination can never take (retrying would not help), in the order given.</param>
public sealed record PublishResult(IReadOnlyList<UnpublishableEvent> Unpublishable)
{
    /// <summary>Every event was taken.</summary>
    public static PublishResult AllPublished { get; } = new([]);
}
