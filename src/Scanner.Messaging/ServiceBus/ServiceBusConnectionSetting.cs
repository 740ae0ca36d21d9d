using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// The <c>ServiceBusConnection</c> setting, read with the names the Functions host uses: a connection string
/// (<c>UseDevelopmentEmulator=true</c> for a local endpoint such as <c>sb://127.0.0.1:5672</c>), or
/// <c>ServiceBusConnection__fullyQualifiedNamespace</c> with a managed identity (<c>ServiceBusConnection__clientId</c>
/// picks a user-assigned one). Absent: no Service Bus publishing. Its messages name the setting, never its key.
/// </summary>
public static class ServiceBusConnectionSetting
{
    public const string Name = "ServiceBusConnection";

    public const string FullyQualifiedNamespaceKey = "fullyQualifiedNamespace";

    public const string ClientIdKey = "clientId";

    /// <summary>True when the setting is there in either form (or in a broken one, which <see cref="Validate"/> reports).</summary>
    public static bool IsConfigured(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any(child => !string.IsNullOrWhiteSpace(child.Value));
    }

    /// <summary>Throws one clear <see cref="InvalidOperationException"/> naming the setting when it cannot be used.</summary>
    public static void Validate(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            ValidateConnectionString(section.Value);
        }
        else if (string.IsNullOrWhiteSpace(section[FullyQualifiedNamespaceKey]))
        {
            throw new InvalidOperationException(
                $"Setting {Name} is incomplete: set {Name} to a Service Bus connection string, or " +
                $"{Name}__{FullyQualifiedNamespaceKey} (with {Name}__{ClientIdKey} for a user-assigned identity).");
        }
        else if (Uri.CheckHostName(section[FullyQualifiedNamespaceKey]!.Trim()) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            throw new InvalidOperationException(
                $"Setting {Name}__{FullyQualifiedNamespaceKey} is not a host name (such as contoso.servicebus.windows.net).");
        }
    }

    private static void ValidateConnectionString(string connectionString)
    {
        ServiceBusConnectionStringProperties properties;
        try
        {
            properties = ServiceBusConnectionStringProperties.Parse(connectionString);
        }
        catch (FormatException)
        {
            // The parser's message could quote the value, key included: name the setting only.
            throw new InvalidOperationException(
                $"Setting {Name} is not a Service Bus connection string (Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...).");
        }

        var hasKey = !string.IsNullOrEmpty(properties.SharedAccessKeyName) && !string.IsNullOrEmpty(properties.SharedAccessKey);
        var hasSignature = !string.IsNullOrEmpty(properties.SharedAccessSignature);
        if (properties.Endpoint is null || hasKey == hasSignature)
        {
            throw new InvalidOperationException(
                $"Setting {Name} needs an Endpoint and either SharedAccessKeyName with SharedAccessKey or a SharedAccessSignature.");
        }

        // A policy on the topic itself (least privilege) comes with EntityPath: only the app's topic will do.
        if (!string.IsNullOrEmpty(properties.EntityPath) &&
            !string.Equals(properties.EntityPath, MessagingEntities.ExtensionChanges, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Setting {Name} is for entity '{properties.EntityPath}'; the app publishes to topic {MessagingEntities.ExtensionChanges}.");
        }
    }
}
