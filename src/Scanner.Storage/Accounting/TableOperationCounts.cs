namespace Scanner.Storage.Accounting;

/// <summary>Requests made to the Table service, by kind.</summary>
public sealed record TableOperationCounts(long Transactions, long PointReads, long QueryPages, long SingleWrites, long TableManagement)
{
    public long Total => Transactions + PointReads + QueryPages + SingleWrites + TableManagement;

    public TableOperationCounts Minus(TableOperationCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new TableOperationCounts(
            Transactions - earlier.Transactions,
            PointReads - earlier.PointReads,
            QueryPages - earlier.QueryPages,
            SingleWrites - earlier.SingleWrites,
            TableManagement - earlier.TableManagement);
    }

    public override string ToString() =>
        $"{Transactions} transactions, {PointReads} point reads, {QueryPages} query pages, {SingleWrites} single writes";
}
