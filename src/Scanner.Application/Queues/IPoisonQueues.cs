namespace Scanner.Application.Queues;

/// <summary>How many messages each poison queue holds (health, metrics).</summary>
public interface IPoisonQueues
{
    /// <summary>Approximate message counts keyed by work queue name (<see cref="WorkQueues.All"/>).</summary>
    Task<IReadOnlyDictionary<string, int>> CountAsync(CancellationToken cancellationToken = default);
}
