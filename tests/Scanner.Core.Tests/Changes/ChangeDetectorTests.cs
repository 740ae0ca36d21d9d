using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Core.Tests.Support;
using static Scanner.Core.Tests.Support.CatalogBuilder;

namespace Scanner.Core.Tests.Changes;

public class ChangeDetectorTests
{
    private static readonly DateTimeOffset ScannedAt = Epoch.AddDays(3);

    [Fact]
    public void A_new_valid_tag_is_published()
    {
        var changes = ChangeDetector.Detect(new StoredRepository(Repository, [], 4), Scan(ScannedAt, Scanned("1.2.0", "sha256:a")));

        Assert.Equal(5, changes.Revision);
        var record = Assert.Single(changes.Upserts);
        Assert.Equal(("1.2.0", "sha256:a", true, ScannedAt, 0), (record.Version, record.Digest, record.IsValid, record.FirstSeen, record.MissedScans));
        Assert.Equal(">= 0.2.3", record.ApiVersionRange);
        Assert.Equal(["linux/amd64"], record.Platforms);
        Assert.Empty(changes.Deletes);

        var published = Assert.Single(changes.Events);
        Assert.Equal(ChangeEventTypes.VersionPublished, published.Type);
        Assert.Equal("/extensions/docker.io/example/extension", published.Source);
        Assert.Equal("docker.io/example/extension", published.Repository);
        Assert.Equal("1.2.0", published.Subject);
        Assert.Equal(ScannedAt, published.Time);
        Assert.Equal("1.0", published.SpecVersion);
        Assert.Equal(record.Digest, ChangeEvents.ReadVersionRecord(published)?.Digest);
    }

    [Fact]
    public void A_new_invalid_tag_is_rejected_with_its_reasons()
    {
        var changes = ChangeDetector.Detect(StoredRepository.Empty(Repository), Scan(ScannedAt, Scanned("1.2.0", "sha256:a", valid: false)));

        var record = Assert.Single(changes.Upserts);
        Assert.False(record.IsValid);
        Assert.Equal(["missing label org.opencontainers.image.vendor"], record.Problems);
        var rejected = Assert.Single(changes.Events);
        Assert.Equal(ChangeEventTypes.VersionRejected, rejected.Type);
        Assert.Equal(["missing label org.opencontainers.image.vendor"], ChangeEvents.ReadVersionRecord(rejected)?.Problems);
    }

    [Fact]
    public void An_unchanged_repository_changes_nothing()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0") with { Digest = "sha256:a" }], 7);

        var changes = ChangeDetector.Detect(stored, Scan(ScannedAt, Scanned("1.0.0", "sha256:a")));

        Assert.False(changes.ChangesVersions);
        Assert.Empty(changes.Events);
        Assert.Equal(8, changes.Revision);
    }

    [Fact]
    public void A_tag_missing_from_one_scan_is_kept_and_its_miss_counted()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0"), Record("1.1.0")], 1);

        var changes = ChangeDetector.Detect(stored, Scan(ScannedAt, Scanned("1.1.0", "sha256:1.1.0")));

        Assert.Empty(changes.Events);
        Assert.Empty(changes.Deletes);
        var kept = Assert.Single(changes.Upserts);
        Assert.Equal(("1.0.0", 1), (kept.Version, kept.MissedScans));
    }

    [Fact]
    public void A_tag_missing_from_two_consecutive_scans_is_withdrawn()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0"), Record("1.1.0")], 1);
        var scan = Scan(ScannedAt, Scanned("1.1.0", "sha256:1.1.0"));

        var first = ChangeDetector.Detect(stored, scan);
        var second = ChangeDetector.Detect(first.ApplyTo(stored), scan with { ScannedAt = ScannedAt.AddHours(1) });

        Assert.Equal(["1.0.0"], second.Deletes);
        Assert.Empty(second.Upserts);
        var withdrawn = Assert.Single(second.Events);
        Assert.Equal(ChangeEventTypes.VersionWithdrawn, withdrawn.Type);
        Assert.Equal("1.0.0", withdrawn.Subject);
        Assert.Equal(2, ChangeEvents.ReadVersionRecord(withdrawn)?.MissedScans);
    }

    [Fact]
    public void A_tag_that_reappears_resets_its_miss_counter()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0") with { MissedScans = 1 }], 5);

        var back = ChangeDetector.Detect(stored, Scan(ScannedAt, Scanned("1.0.0", "sha256:1.0.0")));
        var reset = Assert.Single(back.Upserts);
        Assert.Equal(0, reset.MissedScans);
        Assert.Empty(back.Events);

        // Missing once more after reappearing is a first miss again, not a withdrawal.
        var missedAgain = ChangeDetector.Detect(back.ApplyTo(stored), Scan(ScannedAt.AddHours(1)));
        Assert.Empty(missedAgain.Events);
        Assert.Empty(missedAgain.Deletes);
        Assert.Equal(1, Assert.Single(missedAgain.Upserts).MissedScans);
    }

    [Fact]
    public void A_known_tag_at_another_digest_is_retagged_and_its_labels_replaced()
    {
        var old = Record("1.0.0", apiRange: ">= 0.2.3") with { Digest = "sha256:old", FirstSeen = Epoch, MissedScans = 1 };
        var stored = new StoredRepository(Repository, [old], 2);

        var changes = ChangeDetector.Detect(stored, Scan(ScannedAt, Scanned("1.0.0", "sha256:new", apiRange: ">= 1.0")));

        var record = Assert.Single(changes.Upserts);
        Assert.Equal("sha256:new", record.Digest);
        Assert.Equal(">= 1.0", record.ApiVersionRange);
        Assert.Equal(">= 1.0", record.Labels["com.docker.desktop.extension.api.version"]);
        Assert.Equal(Epoch, record.FirstSeen);
        Assert.Equal(0, record.MissedScans);
        var retagged = Assert.Single(changes.Events);
        Assert.Equal(ChangeEventTypes.VersionRetagged, retagged.Type);
        Assert.Equal("sha256:new", ChangeEvents.ReadVersionRecord(retagged)?.Digest);
    }

    [Fact]
    public void A_retag_to_an_invalid_image_makes_the_version_invalid()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0") with { Digest = "sha256:old" }], 2);

        var changes = ChangeDetector.Detect(stored, Scan(ScannedAt, Scanned("1.0.0", "sha256:new", valid: false)));

        Assert.False(Assert.Single(changes.Upserts).IsValid);
        Assert.Equal(ChangeEventTypes.VersionRetagged, Assert.Single(changes.Events).Type);
    }

    [Fact]
    public void A_failed_scan_changes_nothing_and_counts_no_miss()
    {
        var stored = new StoredRepository(Repository, [Record("1.0.0") with { MissedScans = 1 }, Record("2.0.0")], 9);

        var changes = ChangeDetector.Detect(stored, RepositoryScanOutcome.Failed(Repository, "registry answered 503"));

        Assert.Same(stored, changes.Before);
        Assert.Equal(9, changes.Revision);
        Assert.False(changes.ChangesVersions);
        Assert.Empty(changes.Events);

        // An empty but successful scan, by contrast, is news: it counts a miss for every tag.
        var empty = ChangeDetector.Detect(stored, RepositoryScanOutcome.Success(Scan(ScannedAt)));
        Assert.NotEmpty(empty.Events);
    }

    [Fact]
    public void The_same_change_gets_the_same_event_id()
    {
        var stored = new StoredRepository(Repository, [], 3);
        var scan = Scan(ScannedAt, Scanned("1.0.0", "sha256:a"), Scanned("2.0.0", "sha256:b", valid: false));

        var first = ChangeDetector.Detect(stored, scan);
        var retry = ChangeDetector.Detect(stored, scan with { ScannedAt = ScannedAt.AddMinutes(5) });

        Assert.Equal(first.Events.Select(e => e.Id), retry.Events.Select(e => e.Id));
        Assert.All(first.Events, e => Assert.Matches("^[0-9a-f]{32}$", e.Id));
        Assert.NotEqual(first.Events[0].Id, first.Events[1].Id);
    }

    [Fact]
    public void A_later_change_of_the_same_tag_gets_another_event_id()
    {
        var scan = Scan(ScannedAt, Scanned("1.0.0", "sha256:a"));
        var publishedAtRevision4 = ChangeDetector.Detect(new StoredRepository(Repository, [], 3), scan);
        var publishedAtRevision9 = ChangeDetector.Detect(new StoredRepository(Repository, [], 8), scan);
        var otherDigest = ChangeDetector.Detect(new StoredRepository(Repository, [], 3), Scan(ScannedAt, Scanned("1.0.0", "sha256:b")));

        Assert.NotEqual(publishedAtRevision4.Events[0].Id, publishedAtRevision9.Events[0].Id);
        Assert.NotEqual(publishedAtRevision4.Events[0].Id, otherDigest.Events[0].Id);
    }

    [Fact]
    public void A_scan_of_another_repository_is_refused()
    {
        var other = new RepositoryScanResult(RepositoryName.Parse("ghcr.io/other/x"), ScannedAt, [], 0);

        Assert.Throws<ArgumentException>(() => ChangeDetector.Detect(StoredRepository.Empty(Repository), other));
    }

    [Fact]
    public void Versions_are_recorded_in_their_normal_text()
    {
        var changes = ChangeDetector.Detect(StoredRepository.Empty(Repository), Scan(ScannedAt, Scanned("1.0.0-rc.1", "sha256:a")));

        Assert.Equal("1.0.0-rc.1", Assert.Single(changes.Upserts).Version);
        Assert.True(ChangeEvents.TryReadVersionRecord(changes.Events[0], out var record, out _));
        Assert.Equal("1.0.0-rc.1", record.Version);
    }

    [Fact]
    public void Events_that_carry_no_version_record_read_as_none()
    {
        var added = ChangeEvents.ForExtension(ChangeEventTypes.ExtensionAdded, Repository, "note", "key", ScannedAt);

        Assert.Null(ChangeEvents.ReadVersionRecord(added));
        Assert.False(ChangeEvents.TryReadVersionRecord(added, out _, out var error));
        Assert.Contains("carry no version record", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_survive_the_trip_through_an_event()
    {
        VersionRecord record = Record("3.1.4") with { Platforms = ["linux/amd64", "linux/arm64"], MissedScans = 1 };

        var read = ChangeEvents.ReadVersionRecord(ChangeEvents.ForVersion(ChangeEventTypes.VersionPublished, record, 1, ScannedAt));

        Assert.NotNull(read);
        Assert.Equal(record.Platforms, read.Platforms);
        Assert.Equal(record.Labels, read.Labels);
        Assert.Equal((record.Repository, record.Version, record.Digest, record.ApiVersionRange, record.IsValid, record.FirstSeen, record.MissedScans),
            (read.Repository, read.Version, read.Digest, read.ApiVersionRange, read.IsValid, read.FirstSeen, read.MissedScans));
    }
}
