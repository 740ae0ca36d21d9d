namespace Scanner.Application.Relay;

/// <summary>Events a publisher refused for good (too large for the topic): kept so health can name them.</summary>
public interface IUnpublishableEventLog
{
    Task RecordAsync(string destination, UnpublishableEvent unpublishable, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UnpublishableEvent>> ListAsync(CancellationToken cancellationToken = default);
}
