namespace Scanner.Application.Subscribers;

/// <summary>Where subscribers are kept.</summary>
public interface ISubscriberStore
{
    Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The subscriber, or null when there is none with this id.</summary>
    Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the subscriber with <see cref="Subscriber.Id"/>.</summary>
    Task UpsertAsync(Subscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>False when there was none with this id.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);
}
