using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Scanner.Messaging.Extensions;

/// <summary>
/// The Table Storage account of <c>AzureWebJobsStorage</c>, read as the Functions host reads it: a connection string
/// (<c>UseDevelopmentStorage=true</c> is Azurite), or <c>AzureWebJobsStorage__accountName</c> /
/// <c>AzureWebJobsStorage__tableServiceUri</c> with a managed identity (<c>AzureWebJobsStorage__clientId</c> picks a
/// user-assigned one).
/// </summary>
public static class TableServiceConnection
{
    public const string ConfigurationKey = "AzureWebJobsStorage";

    public static TableServiceClient Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConfigurationKey);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new TableServiceClient(section.Value);
        }

        var serviceUri = section["tableServiceUri"] is { Length: > 0 } uriText
            ? new Uri(uriText)
            : section["accountName"] is { Length: > 0 } accountName
                ? new Uri($"https://{accountName}.table.core.windows.net/")
                : throw new InvalidOperationException(
                    "No Table Storage configured: set AzureWebJobsStorage (a connection string, UseDevelopmentStorage=true for Azurite) " +
                    "or AzureWebJobsStorage__accountName (managed identity).");
        var credentialOptions = new DefaultAzureCredentialOptions();
        if (section["clientId"] is { Length: > 0 } clientId)
        {
            credentialOptions.ManagedIdentityClientId = clientId;
        }

        return new TableServiceClient(serviceUri, new DefaultAzureCredential(credentialOptions));
    }
}
