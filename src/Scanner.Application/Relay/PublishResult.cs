namespace Scanner.Application.Relay;

/// <summary>What a publisher could not send and never will; everything else was sent.</summary>
public sealed record PublishResult(IReadOnlyList<UnpublishableEvent> Unpublishable)
{
    public static PublishResult AllSent { get; } = new([]);
}
