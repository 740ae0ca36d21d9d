namespace Scanner.Storage;

/// <summary>Settings of the storage adapters (configuration section <c>Scanner:Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Scanner:Storage";

    /// <summary>
    /// Prepended to every table name, so that tests or several deployments can share one account. Letters and digits
    /// only, starting with a letter: table names allow nothing else.
    /// </summary>
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// Prepended to every queue name (<see cref="Queues.StorageQueues"/> maps logical names to prefixed ones). Lower-case
    /// letters and digits only: queue names must be lower case.
    /// </summary>
    public string QueuePrefix { get; set; } = string.Empty;

    public string CatalogTableName => TablePrefix + "catalog";

    public string AllowListTableName => TablePrefix + "allowlist";

    public string ChangesTableName => TablePrefix + "changes";

    public string SubscribersTableName => TablePrefix + "subscribers";

    public string UnpublishableTableName => TablePrefix + "unpublishable";

    public static bool IsValidTablePrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) || (char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit) && prefix.Length <= 40);

    public static bool IsValidQueuePrefix(string? prefix) =>
        string.IsNullOrEmpty(prefix) || (prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && prefix.Length <= 32);
}
