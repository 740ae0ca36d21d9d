using System.Text.Json.Serialization;
using Scanner.Core.Changes;
using Scanner.Core.Updates;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Functions.Api.Models;

/// <summary>One extension in the catalog list.</summary>
public sealed record ExtensionSummary(
    string Repository,
    string? Title,
    string? Vendor,
    string? Description,
    string? Icon,
    string? LatestVersion,
    string? ApiVersionRange);

public sealed record ExtensionList(IReadOnlyList<ExtensionSummary> Extensions);

public sealed record VersionDetail(
    string Version,
    string Digest,
    IReadOnlyList<string> Platforms,
    string? ApiVersionRange,
    bool Valid,
    IReadOnlyList<string> Problems,
    bool Blocked,
    DateTimeOffset FirstSeen,
    IReadOnlyDictionary<string, string> Labels);

public sealed record ExtensionDetail(
    string Repository,
    string? Note,
    DateTimeOffset AddedAt,
    string? Title,
    string? Vendor,
    string? Description,
    string? Icon,
    string? LatestVersion,
    IReadOnlyList<VersionDetail> Versions);

public sealed record InstalledExtensionInput(string? Repository, string? Version);

public sealed record UpdateCheckRequest(string? ApiVersion, IReadOnlyList<InstalledExtensionInput>? Installed, bool? IncludePrerelease);

public sealed record UpdateResult(
    string Repository,
    string InstalledVersion,
    string? LatestVersion,
    string? LatestCompatibleVersion,
    bool UpdateAvailable,
    UpdateStatus Status);

public sealed record UpdateCheckResponse(string ApiVersion, bool IncludePrerelease, IReadOnlyList<UpdateResult> Updates);

public sealed record ChangesResponse(IReadOnlyList<CloudEvent> Events, string Cursor);

public sealed record DockerHubPushData(
    [property: JsonPropertyName("tag")] string? Tag,
    [property: JsonPropertyName("pusher")] string? Pusher,
    [property: JsonPropertyName("pushed_at")] long? PushedAt);

public sealed record DockerHubRepository(
    [property: JsonPropertyName("repo_name")] string? RepoName,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name);

public sealed record DockerHubPayload(
    [property: JsonPropertyName("callback_url")] string? CallbackUrl,
    [property: JsonPropertyName("push_data")] DockerHubPushData? PushData,
    [property: JsonPropertyName("repository")] DockerHubRepository? Repository);

public sealed record WebhookResponse(string Status, string? Repository, string? MessageId, string? Reason);

public sealed record AllowListEntryResponse(string Repository, DateTimeOffset AddedAt, string? Note, IReadOnlyList<string> BlockedVersions);

public sealed record AllowListResponse(IReadOnlyList<AllowListEntryResponse> Repositories);

public sealed record NoteRequest(string? Note);

public sealed record BlockResponse(string Repository, string Version, bool Blocked);

public sealed record ScanTriggerRequest(string? Repository);

public sealed record ScanRequestResponse(string Repository, string MessageId);

public sealed record ScanTriggerResponse(IReadOnlyList<ScanRequestResponse> Requested);

public sealed record HealthResponse(string Status, string Mode, long CatalogSequence, DateTimeOffset CatalogLoadedAt);

public sealed record SubscriberRequest(string? Url, string? Secret, IReadOnlyList<string>? EventTypes);

public sealed record SubscriberListResponse(IReadOnlyList<SubscriberInfo> Subscribers);
