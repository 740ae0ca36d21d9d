namespace Scanner.Messaging;

/// <summary>The Service Bus entities the service uses; the Bicep template declares the same names.</summary>
public static class MessagingEntities
{
    /// <summary>Topic of change events (CloudEvents).</summary>
    public const string ExtensionChanges = "extension-changes";

    /// <summary>Application property carrying the CloudEvent type (for subscription filters).</summary>
    public const string TypeProperty = "type";

    /// <summary>Application property carrying the repository an event or request is about.</summary>
    public const string RepositoryProperty = "repository";
}
