namespace Scanner.Storage.Steps;

/// <summary>The names of the durable steps reported to <see cref="IStorageStepHook"/>.</summary>
public static class StorageSteps
{
    /// <summary>A scan commit transaction succeeded; followed by its 1-based number (<c>commit.transaction.2</c>).</summary>
    public const string CommitTransaction = "commit.transaction.";

    /// <summary>A batch of events was appended to the change feed.</summary>
    public const string RelayAppended = "relay.appended";

    /// <summary>A batch of events was handed to the publisher.</summary>
    public const string RelayPublished = "relay.published";

    /// <summary>The outbox rows of a batch were deleted.</summary>
    public const string RelayDeleted = "relay.deleted";

    /// <summary>An allow-list row was written with its change pending.</summary>
    public const string AllowListRowWritten = "allowlist.row-written";

    /// <summary>The pending change's event was written to the outbox.</summary>
    public const string AllowListOutboxWritten = "allowlist.outbox-written";

    public static string CommitTransactionNumber(int number) => CommitTransaction + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
