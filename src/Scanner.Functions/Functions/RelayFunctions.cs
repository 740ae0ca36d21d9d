using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Relay;

namespace Scanner.Functions.Functions;

/// <summary>Crash recovery: relays outbox entries that their writer never confirmed.</summary>
public sealed class RelayFunctions(RelayOutbox relay)
{
    [Function(nameof(RelayOutbox))]
    public Task RelayOutbox([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.RelayStaleAsync(cancellationToken);
}
