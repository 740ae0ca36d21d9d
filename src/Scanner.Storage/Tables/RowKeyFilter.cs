using Azure.Data.Tables;

namespace Scanner.Storage.Tables;

/// <summary>Query filters that look up many row keys of one partition within the service's limits.</summary>
public static class RowKeyFilter
{
    /// <summary>The Table service allows 15 comparisons per filter: the partition key and 14 row keys.</summary>
    public const int RowKeysPerQuery = 14;

    /// <summary>One filter per <see cref="RowKeysPerQuery"/> row keys: rows of the partition with any of those keys.</summary>
    public static IEnumerable<string> AnyOf(string partitionKey, IEnumerable<string> rowKeys)
    {
        ArgumentNullException.ThrowIfNull(rowKeys);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        foreach (var chunk in rowKeys.Distinct(StringComparer.Ordinal).Chunk(RowKeysPerQuery))
        {
            yield return partition + " and (" + string.Join(" or ", chunk.Select(key => TableClient.CreateQueryFilter($"RowKey eq {key}"))) + ")";
        }
    }
}
