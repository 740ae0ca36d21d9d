namespace Scanner.Testing.ServiceBus;

/// <summary>One transfer (delivery) a sender link made to the <see cref="ServiceBusBroker"/>, and what the broker did with it.</summary>
/// <param name="Id">1, 2, ... in the order the broker received them.</param>
/// <param name="ConnectionId">The broker's number for the AMQP connection it came on (1, 2, ... in order of connecting).</param>
/// <param name="IsBatch">Sent in the batch format (<c>0x80013700</c>, one data section per message).</param>
/// <param name="MessageIds">The message ids it held, in order.</param>
/// <param name="Bytes">Its encoded size.</param>
public sealed record RecordedTransfer(
    int Id,
    string Entity,
    int ConnectionId,
    bool IsBatch,
    IReadOnlyList<string?> MessageIds,
    long Bytes,
    TransferOutcome Outcome);
