using Azure.Data.Tables;

namespace Scanner.Storage.Tables;

/// <summary>Actions that must commit in the same transaction, with their estimated request size.</summary>
public sealed record ActionGroup(IReadOnlyList<TableTransactionAction> Actions, int RequestBytes);
