using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// Where Service Bus is and how to authenticate: a connection string (SAS key) or a fully qualified namespace (Entra ID).
/// Never prints the key: <see cref="ToString"/> shows the endpoint and key name only.
/// </summary>
public sealed class ServiceBusConnectionInfo
{
    /// <summary>The configuration key of the connection (as in Functions: <c>ServiceBusConnection</c>).</summary>
    public const string ConfigurationKey = "ServiceBusConnection";

    private ServiceBusConnectionInfo(
        Uri endpoint, string? keyName, string? key, string? entityPath, bool useDevelopmentEmulator, string? clientId)
    {
        Endpoint = endpoint;
        SharedAccessKeyName = keyName;
        SharedAccessKey = key;
        EntityPath = entityPath;
        UseDevelopmentEmulator = useDevelopmentEmulator;
        ClientId = clientId;
    }

    /// <summary>The base address requests go to: <c>https://{namespace}/</c>, or <c>http://{host}:{port}/</c> for an emulator.</summary>
    public Uri Endpoint { get; }

    /// <summary>The namespace host name, <c>{name}.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace => Endpoint.Host;

    public string? SharedAccessKeyName { get; }

    internal string? SharedAccessKey { get; }

    /// <summary>The entity a connection string is scoped to, when it names one.</summary>
    public string? EntityPath { get; }

    public bool UseDevelopmentEmulator { get; }

    /// <summary>Client id of a user-assigned managed identity, for Entra authentication.</summary>
    public string? ClientId { get; }

    [MemberNotNullWhen(true, nameof(SharedAccessKeyName), nameof(SharedAccessKey))]
    public bool UsesSharedAccessKey => SharedAccessKeyName is not null && SharedAccessKey is not null;

    /// <summary>
    /// Reads <c>ServiceBusConnection</c> (a connection string) or <c>ServiceBusConnection:fullyQualifiedNamespace</c>
    /// (with optional <c>ServiceBusConnection:clientId</c>); null when neither is set.
    /// </summary>
    public static ServiceBusConnectionInfo? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConfigurationKey);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return ParseConnectionString(section.Value);
        }

        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        return string.IsNullOrWhiteSpace(fullyQualifiedNamespace)
            ? null
            : ForNamespace(fullyQualifiedNamespace, section["clientId"]);
    }

    /// <summary>A namespace reached with an Entra token (managed identity or developer credentials).</summary>
    public static ServiceBusConnectionInfo ForNamespace(string fullyQualifiedNamespace, string? clientId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        var text = fullyQualifiedNamespace.Trim();
        var host = Uri.TryCreate(text, UriKind.Absolute, out var asUri) && !string.IsNullOrEmpty(asUri.Host)
            ? asUri.Host
            : text.TrimEnd('/');
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw new FormatException(
                $"'{text}' is not a Service Bus namespace; expected a host name such as 'contoso.servicebus.windows.net'.");
        }

        return new ServiceBusConnectionInfo(
            new Uri($"https://{host}/"), null, null, null, false, string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim());
    }

    /// <summary>
    /// Parses <c>Endpoint=sb://host[:port]/;SharedAccessKeyName=...;SharedAccessKey=...[;EntityPath=...][;UseDevelopmentEmulator=true]</c>.
    /// Errors name the missing or malformed part and never echo the key.
    /// </summary>
    public static ServiceBusConnectionInfo ParseConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException(
                    "The Service Bus connection string has a part without 'name=value'; expected " +
                    "'Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...'.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (!parts.TryGetValue("Endpoint", out var endpointText) || string.IsNullOrEmpty(endpointText))
        {
            throw new FormatException("The Service Bus connection string has no 'Endpoint=sb://{namespace}/' part.");
        }

        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpointUri) || string.IsNullOrEmpty(endpointUri.Host))
        {
            throw new FormatException($"The Service Bus connection string's Endpoint '{endpointText}' is not an absolute URI such as 'sb://contoso.servicebus.windows.net/'.");
        }

        parts.TryGetValue("SharedAccessKeyName", out var keyName);
        parts.TryGetValue("SharedAccessKey", out var key);
        if (string.IsNullOrEmpty(keyName) || string.IsNullOrEmpty(key))
        {
            throw new FormatException(
                "The Service Bus connection string needs both SharedAccessKeyName and SharedAccessKey " +
                "(or configure ServiceBusConnection__fullyQualifiedNamespace to use Entra ID instead).");
        }

        var emulator = false;
        if (parts.TryGetValue("UseDevelopmentEmulator", out var emulatorText) && !bool.TryParse(emulatorText, out emulator))
        {
            throw new FormatException($"UseDevelopmentEmulator must be 'true' or 'false', not '{emulatorText}'.");
        }

        parts.TryGetValue("EntityPath", out var entityPath);

        // The emulator speaks plain http on the endpoint's host and port; Service Bus itself is https on 443.
        var endpoint = emulator
            ? new Uri($"http://{endpointUri.Authority}/")
            : new Uri($"https://{endpointUri.Host}/");
        return new ServiceBusConnectionInfo(
            endpoint, keyName, key, string.IsNullOrEmpty(entityPath) ? null : entityPath, emulator, null);
    }

    public override string ToString() => UsesSharedAccessKey
        ? $"{Endpoint} (SAS key '{SharedAccessKeyName}'{(EntityPath is null ? string.Empty : $", entity '{EntityPath}'")})"
        : $"{Endpoint} (Entra ID{(ClientId is null ? string.Empty : $", client id {ClientId}")})";
}
