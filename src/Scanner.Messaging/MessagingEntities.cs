namespace Scanner.Messaging;

/// <summary>The Service Bus entities the service uses; the Bicep template and the in-process bus declare the same names.</summary>
public static class MessagingEntities
{
    /// <summary>Queue of scan requests, one message per repository to scan.</summary>
    public const string ScanRequests = "scan-requests";

    /// <summary>Topic of change events (CloudEvents).</summary>
    public const string ExtensionChanges = "extension-changes";

    /// <summary>Subscription of <see cref="ExtensionChanges"/> that feeds subscriber webhooks.</summary>
    public const string WebhooksSubscription = "webhooks";

    /// <summary>Application property carrying the CloudEvent type (for subscription filters).</summary>
    public const string TypeProperty = "type";

    /// <summary>Application property carrying the repository an event or request is about.</summary>
    public const string RepositoryProperty = "repository";
}
