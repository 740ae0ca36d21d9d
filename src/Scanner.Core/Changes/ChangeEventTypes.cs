namespace Scanner.Core.Changes;

/// <summary>The CloudEvent <c>type</c> of every change the service announces.</summary>
public static class ChangeEventTypes
{
    public const string VersionPublished = "extension.version.published";
    public const string VersionRejected = "extension.version.rejected";
    public const string VersionWithdrawn = "extension.version.withdrawn";
    public const string VersionRetagged = "extension.version.retagged";
    public const string VersionBlocked = "extension.version.blocked";
    public const string VersionUnblocked = "extension.version.unblocked";
    public const string ExtensionAdded = "extension.added";
    public const string ExtensionRemoved = "extension.removed";

    public static IReadOnlyList<string> All { get; } =
    [
        VersionPublished, VersionRejected, VersionWithdrawn, VersionRetagged, VersionBlocked, VersionUnblocked,
        ExtensionAdded, ExtensionRemoved,
    ];

    /// <summary>Events whose data is a <see cref="Catalog.VersionRecord"/>.</summary>
    public static bool CarriesVersionRecord(string type) =>
        type is VersionPublished or VersionRejected or VersionWithdrawn or VersionRetagged;
}
