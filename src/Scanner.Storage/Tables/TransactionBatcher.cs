using Azure.Data.Tables;

namespace Scanner.Storage.Tables;

/// <summary>
/// Packs groups of actions that must stay together (a version row with its outbox rows) into entity-group
/// transactions within the service's limits: 100 actions and 4 MiB of request body.
/// </summary>
public static class TransactionBatcher
{
    public const int MaxActions = 100;

    /// <summary>A margin under the 4 MiB body limit for the multipart envelope.</summary>
    public const int MaxRequestBytes = 3 * 1024 * 1024;

    /// <summary>Splits groups into batches of at most <paramref name="actionsPerBatch"/> actions and the byte budget.</summary>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> Pack(
        IEnumerable<ActionGroup> groups, int actionsPerBatch)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var batches = new List<IReadOnlyList<TableTransactionAction>>();
        var current = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var group in groups)
        {
            if (group.Actions.Count > actionsPerBatch || group.RequestBytes > MaxRequestBytes)
            {
                throw new InvalidOperationException(
                    $"A group of {group.Actions.Count} actions ({group.RequestBytes} bytes) cannot fit one transaction.");
            }

            if (current.Count + group.Actions.Count > actionsPerBatch || bytes + group.RequestBytes > MaxRequestBytes)
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.AddRange(group.Actions);
            bytes += group.RequestBytes;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }
}
