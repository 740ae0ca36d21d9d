namespace Scanner.Application.Subscribers;

/// <summary>
/// A message on queue <c>subscriber-deliveries</c>: these feed events, for this subscriber. Events travel by id (the
/// feed holds them), so a message stays far below the queue's 64 KiB whatever the events weigh.
/// </summary>
public sealed record SubscriberDeliveryRequest(string SubscriberId, IReadOnlyList<string> EventIds);
