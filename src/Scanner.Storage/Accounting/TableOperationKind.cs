namespace Scanner.Storage.Accounting;

/// <summary>What a request to the Table service did, for cost accounting.</summary>
public enum TableOperationKind
{
    /// <summary>An entity-group transaction (<c>$batch</c>).</summary>
    Transaction,

    /// <summary>A read of one entity by partition and row key.</summary>
    PointRead,

    /// <summary>One page of a query.</summary>
    QueryPage,

    /// <summary>A write of one entity outside a transaction (insert, update, merge, delete).</summary>
    SingleWrite,

    /// <summary>Creating, deleting or listing tables.</summary>
    TableManagement,
}
