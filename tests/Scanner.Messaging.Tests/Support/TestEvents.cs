using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;

namespace Scanner.Messaging.Tests.Support;

/// <summary>Change events as the core makes them (deterministic ids).</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Time = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static CloudEvent Added(string repository = "docker.io/acme/extension", string key = "1") =>
        ChangeEvents.ForExtension(ChangeEventTypes.ExtensionAdded, RepositoryName.Parse(repository), "added in a test", key, Time);

    /// <summary>An <c>extension.version.published</c> event; <paramref name="padding"/> characters of label make it as large as needed.</summary>
    public static CloudEvent Published(string repository, string version, int padding = 0, long revision = 1) =>
        ChangeEvents.ForVersion(ChangeEventTypes.VersionPublished, new VersionRecord
        {
            Repository = repository,
            Version = version,
            Digest = "sha256:" + new string('0', 64),
            Labels = padding == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["padding"] = new string('x', padding) },
            IsValid = true,
            FirstSeen = Time,
        }, revision, Time);

    public static CloudEvent Blocked(string repository, string version) =>
        ChangeEvents.ForBlock(ChangeEventTypes.VersionBlocked, RepositoryName.Parse(repository), version, "blocked in a test", version, Time);
}
