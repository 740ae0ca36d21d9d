namespace Scanner.Testing.ServiceBus;

/// <summary>What the <see cref="ServiceBusBroker"/> did with a transfer.</summary>
public enum TransferOutcome
{
    /// <summary>Took its messages and answered <c>accepted</c>.</summary>
    Accepted,

    /// <summary>Took nothing and detached the sender link with <c>com.microsoft:server-busy</c> (a fault asked for).</summary>
    ServerBusy,

    /// <summary>Took its messages, then dropped the connection before answering (a fault asked for): the sender cannot tell.</summary>
    ConnectionDropped,
}
