namespace Scanner.Storage;

/// <summary>Settings of the Table Storage adapters (configuration section <c>Scanner:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Scanner:Storage";

    /// <summary>Prepended to every table name, so that tests or several deployments can share one account.</summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>How many times an append to the change feed retries after losing the counter to another relay.</summary>
    public int FeedAppendAttempts { get; set; } = 200;

    public string CatalogTableName => TablePrefix + "catalog";

    public string AllowListTableName => TablePrefix + "allowlist";

    public string ChangesTableName => TablePrefix + "changes";
}
