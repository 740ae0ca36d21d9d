using Scanner.Core.Repositories;

namespace Scanner.Application.Relay;

/// <summary>Moves outbox events into the change feed and to the <see cref="IChangePublisher"/>, then deletes them.</summary>
public interface IOutboxRelay
{
    /// <summary>Relays the outbox of one repository; returns how many events it moved.</summary>
    Task<int> RelayAsync(RepositoryName repository, CancellationToken cancellationToken = default);

    /// <summary>Relays every outbox row older than <paramref name="minimumAge"/> (crash recovery); returns the count.</summary>
    Task<int> RelayStaleAsync(TimeSpan minimumAge, CancellationToken cancellationToken = default);
}
