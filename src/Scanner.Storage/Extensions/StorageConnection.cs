using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Scanner.Application.Queues;

namespace Scanner.Storage.Extensions;

/// <summary>
/// The storage account of <c>AzureWebJobsStorage</c>, read once, the way the Functions host reads it (DESIGN.md
/// sections 5 and 8): a connection string (<c>UseDevelopmentStorage=true</c> = Azurite on 127.0.0.1:10000-10002), or
/// the identity-based forms <c>AzureWebJobsStorage__accountName</c>, or <c>__tableServiceUri</c> +
/// <c>__queueServiceUri</c>, with <c>__clientId</c> naming a user-assigned managed identity. Both service clients of
/// the app come from here, with the one retry policy of the app's storage calls.
/// </summary>
public sealed class StorageConnection
{
    public const string SettingName = WorkQueues.Connection;

    /// <summary>The Azurite account every developer machine has; its key is public by design.</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly string? connectionString;
    private readonly Uri? tableServiceUri;
    private readonly Uri? queueServiceUri;
    private readonly TokenCredential? credential;

    private StorageConnection(string connectionString) => this.connectionString = connectionString;

    private StorageConnection(Uri tableServiceUri, Uri queueServiceUri, TokenCredential credential)
    {
        this.tableServiceUri = tableServiceUri;
        this.queueServiceUri = queueServiceUri;
        this.credential = credential;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> saying what to set when the account is not configured.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            var useDevelopment = section.Value.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
            return new StorageConnection(useDevelopment ? DevelopmentConnectionString : section.Value);
        }

        var account = section["accountName"];
        var tables = ServiceUri(section["tableServiceUri"], account, "table");
        var queues = ServiceUri(section["queueServiceUri"], account, "queue");
        if (tables is null || queues is null)
        {
            var missing = tables is null && queues is null
                ? $"set {SettingName} to a connection string (UseDevelopmentStorage=true for Azurite) or {SettingName}__accountName for a managed identity"
                : $"set {SettingName}__{(tables is null ? "tableServiceUri" : "queueServiceUri")} too, or {SettingName}__accountName instead";
            throw new InvalidOperationException($"Storage is not configured: {missing}.");
        }

        // With a client id the identity is the app's user-assigned one and nothing else is tried; without, the
        // default chain also covers a developer's Azure CLI login.
        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageConnection(tables, queues, credential);
    }

    public TableServiceClient CreateTableServiceClient(IEnumerable<StoragePipelinePolicy>? policies = null)
    {
        var options = new TableClientOptions();
        Configure(options, policies);
        return connectionString is not null
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(tableServiceUri!, credential!, options);
    }

    public QueueServiceClient CreateQueueServiceClient(IEnumerable<StoragePipelinePolicy>? policies = null)
    {
        // Base64 is what the Functions host reads and writes by default (host.json: messageEncoding base64).
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(options, policies);
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(queueServiceUri!, credential!, options);
    }

    /// <summary>
    /// The one retry policy of every storage call, the SDK's own. Three retries with exponential delays from 200 ms
    /// (at most 2 s apart) ride out a throttled or restarting service in about 1.5 s, so a refused connection (Azurite
    /// stopped) fails within a couple of seconds instead of the SDK default's 6 s. A 10 s network timeout per try
    /// (default 100 s) bounds a host that accepts no connection at all to about 40 s instead of minutes, while leaving a
    /// 4 MiB entity-group transaction, or a busy Azurite on a loaded machine, ample time to answer.
    /// </summary>
    private static void Configure(ClientOptions options, IEnumerable<StoragePipelinePolicy>? policies)
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        foreach (var policy in policies ?? [])
        {
            options.AddPolicy(policy.Policy, policy.Position);
        }
    }

    private static Uri? ServiceUri(string? configured, string? account, string service) =>
        !string.IsNullOrWhiteSpace(configured) ? new Uri(configured)
        : !string.IsNullOrWhiteSpace(account) ? new Uri($"https://{account}.{service}.core.windows.net/")
        : null;
}
