using Scanner.Core.Catalog;
using Scanner.Core.Scanning;
using Scanner.Core.Versions;

namespace Scanner.Core.Changes;

/// <summary>
/// Compares what is stored for a repository with a fresh scan and decides what changed (DESIGN.md section 4).
/// Pure: the same inputs give the same change set, events and event ids included.
/// </summary>
public static class ChangeDetector
{
    /// <summary>A tag missing from this many consecutive scans is withdrawn.</summary>
    public const int ScansMissedBeforeWithdrawal = 2;

    /// <summary>
    /// A repository that fails to scan changes nothing: no miss is counted (a registry outage must not withdraw
    /// versions), no event is announced, and the change set stays at the stored revision with nothing to commit.
    /// </summary>
    public static ChangeSet Detect(StoredRepository stored, RepositoryScanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Succeeded ? Detect(stored, outcome.Result) : new ChangeSet(stored, stored.ScanCount, [], [], []);
    }

    public static ChangeSet Detect(StoredRepository stored, RepositoryScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(scan);
        if (stored.Repository != scan.Repository)
        {
            throw new ArgumentException($"The scan is of {scan.Repository}, the stored state of {stored.Repository}.", nameof(scan));
        }

        var revision = stored.ScanCount + 1;
        var repository = stored.Repository.Value;
        var before = new Dictionary<string, VersionRecord>(StringComparer.Ordinal);
        foreach (var record in stored.Versions)
        {
            before[record.Version] = record;
        }

        var upserts = new List<VersionRecord>();
        var deletes = new List<string>();
        var events = new List<CloudEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (var scanned in scan.Versions)
        {
            var version = VersionTag.Format(scanned.Version);
            if (!seen.Add(version))
            {
                continue;
            }

            if (!before.TryGetValue(version, out var known))
            {
                var record = ToRecord(repository, version, scanned, scan.ScannedAt);
                upserts.Add(record);
                var type = record.IsValid ? ChangeEventTypes.VersionPublished : ChangeEventTypes.VersionRejected;
                events.Add(ChangeEvents.ForVersion(type, record, revision, scan.ScannedAt));
            }
            else if (!string.Equals(known.Digest, scanned.Digest, StringComparison.Ordinal))
            {
                var record = ToRecord(repository, version, scanned, known.FirstSeen);
                upserts.Add(record);
                events.Add(ChangeEvents.ForVersion(ChangeEventTypes.VersionRetagged, record, revision, scan.ScannedAt));
            }
            else if (known.MissedScans > 0)
            {
                upserts.Add(known with { MissedScans = 0 });
            }
        }

        foreach (var known in stored.Versions)
        {
            if (seen.Contains(known.Version))
            {
                continue;
            }

            var missed = known.MissedScans + 1;
            if (missed >= ScansMissedBeforeWithdrawal)
            {
                deletes.Add(known.Version);
                events.Add(ChangeEvents.ForVersion(ChangeEventTypes.VersionWithdrawn, known with { MissedScans = missed }, revision, scan.ScannedAt));
            }
            else
            {
                upserts.Add(known with { MissedScans = missed });
            }
        }

        return new ChangeSet(stored, revision, upserts, deletes, events);
    }

    private static VersionRecord ToRecord(string repository, string version, ScannedVersion scanned, DateTimeOffset firstSeen) => new()
    {
        Repository = repository,
        Version = version,
        Digest = scanned.Digest,
        Platforms = scanned.Platforms,
        Labels = scanned.Labels.All,
        ApiVersionRange = scanned.Labels.ApiVersionText,
        IsValid = scanned.Labels.IsValid,
        Problems = scanned.Labels.Problems,
        FirstSeen = firstSeen,
        MissedScans = 0,
    };
}
