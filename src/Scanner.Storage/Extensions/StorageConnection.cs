using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Scanner.Storage.Extensions;

/// <summary>
/// Builds the <see cref="TableServiceClient"/> the way Azure Functions reads <c>AzureWebJobsStorage</c> (DESIGN.md
/// section 8): a connection string (<c>UseDevelopmentStorage=true</c> = Azurite on 127.0.0.1:10002), or
/// <c>AzureWebJobsStorage__accountName</c> for a managed identity through <see cref="DefaultAzureCredential"/>.
/// </summary>
public static class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    /// <summary>The Azurite account every developer machine has; its key is public by design.</summary>
    public const string DevelopmentConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    public static TableServiceClient CreateClient(IConfiguration configuration, TableClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var useDevelopment = connectionString.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
            return new TableServiceClient(useDevelopment ? DevelopmentConnectionString : connectionString, options);
        }

        var account = configuration[SettingName + ":accountName"];
        if (!string.IsNullOrWhiteSpace(account))
        {
            var endpoint = configuration[SettingName + ":tableServiceUri"] is { Length: > 0 } uri
                ? new Uri(uri)
                : new Uri($"https://{account}.table.core.windows.net");
            TokenCredential credential = configuration[SettingName + ":clientId"] is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            return new TableServiceClient(endpoint, credential, options);
        }

        throw new InvalidOperationException(
            $"Table Storage is not configured: set {SettingName} to a connection string (UseDevelopmentStorage=true for Azurite) " +
            $"or {SettingName}__accountName for a managed identity.");
    }
}
