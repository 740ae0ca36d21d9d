using Azure;
using Scanner.Core.Changes;

namespace Scanner.Storage.Outbox;

/// <summary>One outbox row as read by the relay.</summary>
public sealed record OutboxRow(string PartitionKey, string RowKey, string Order, CloudEvent Event, byte[] Json, ETag ETag);
