using Scanner.Core.Changes;
using Scanner.Core.Repositories;

namespace Scanner.Messaging.Tests.Support;

/// <summary>Change events as the core makes them (deterministic ids).</summary>
public static class TestEvents
{
    public static readonly DateTimeOffset Time = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static CloudEvent Added(string repository = "docker.io/acme/extension", string key = "1") =>
        ChangeEvents.ForExtension(ChangeEventTypes.ExtensionAdded, RepositoryName.Parse(repository), "added in a test", key, Time);

    public static CloudEvent Blocked(string repository, string version) =>
        ChangeEvents.ForBlock(ChangeEventTypes.VersionBlocked, RepositoryName.Parse(repository), version, "blocked in a test", version, Time);
}
