using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Labels;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;
using Scanner.Core.Versions;
using Scanner.Registry.Distribution;
using Scanner.Registry.Http;
using Scanner.Registry.Model;

namespace Scanner.Registry.Scanning;

/// <summary>
/// The scan policy (DESIGN.md section 4): list the tags, HEAD new tags and the budgeted re-checks, and GET manifests and
/// config blobs only for digests not seen before. Known digests reuse their stored labels. Registry trouble of any kind,
/// or the scan deadline passing, makes the whole repository a failed outcome, and a pull allowance at its reserve a
/// throttled one: no partial result either way. Each outcome counts the requests of its own scan.
/// </summary>
public sealed partial class RepositoryScanner : IRepositoryScanner
{
    /// <summary>HEADs and image reads in flight for one repository; the host's own limit still applies on top.</summary>
    private const int ReadsInFlight = 4;

    private readonly TagListPager _tags;
    private readonly ManifestReader _manifests;
    private readonly ImageReader _images;
    private readonly RequestAccounting _accounting;
    private readonly TimeSpan _scanTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RepositoryScanner(
        TagListPager tags,
        ManifestReader manifests,
        ImageReader images,
        RequestAccounting accounting,
        TimeSpan scanTimeout,
        TimeProvider? time = null,
        ILogger<RepositoryScanner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(manifests);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(scanTimeout, TimeSpan.Zero);
        _tags = tags;
        _manifests = manifests;
        _images = images;
        _accounting = accounting;
        _scanTimeout = scanTimeout;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<RepositoryScanner>.Instance;
    }

    public async Task<RepositoryScanOutcome> ScanAsync(StoredRepository stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var repository = stored.Repository;
        var tally = new RequestTally();
        using var attributed = _accounting.Attribute(tally);
        using var deadline = new CancellationTokenSource(_scanTimeout, _time);
        using var scan = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var result = await ScanOrThrowAsync(stored, scan.Token).ConfigureAwait(false);
            LogScanned(repository.Value, result.Versions.Count, result.IgnoredTagCount);
            return RepositoryScanOutcome.Success(result, tally.Snapshot());
        }
        catch (RegistryException exception) when (exception is { Kind: RegistryErrorKind.PullAllowance, RetryAt: { } retryAt })
        {
            LogThrottled(repository.Value, retryAt, exception.Message);
            return RepositoryScanOutcome.Throttled(repository, retryAt, $"{exception.Kind}: {exception.Message}", tally.Snapshot());
        }
        catch (RegistryException exception)
        {
            LogFailed(repository.Value, exception.Kind, exception.Message);
            return RepositoryScanOutcome.Failed(repository, $"{exception.Kind}: {exception.Message}", tally.Snapshot());
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Only the deadline is the registry's failure; the caller's own cancellation propagates.
            var problem = $"scan deadline of {_scanTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s passed " +
                          $"while reading {tally.OldestUnfinished ?? "the registry"}";
            LogFailed(repository.Value, RegistryErrorKind.Timeout, problem);
            var reason = $"{RegistryErrorKind.Timeout}: {problem}";
            return RepositoryScanOutcome.Failed(repository, reason, tally.Snapshot());
        }
    }

    private async Task<RepositoryScanResult> ScanOrThrowAsync(StoredRepository stored, CancellationToken cancellationToken)
    {
        var repository = stored.Repository;
        var tags = await _tags.ListAsync(repository, cancellationToken).ConfigureAwait(false);

        var versions = new List<KeyValuePair<string, SemanticVersion>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ignored = 0;
        foreach (var tag in tags)
        {
            if (!seen.Add(tag))
            {
                continue;
            }

            if (VersionTag.TryParse(tag, out var version))
            {
                versions.Add(new(tag, version));
            }
            else
            {
                ignored++;
            }
        }

        var byVersion = new Dictionary<string, VersionRecord>(StringComparer.Ordinal);
        var byDigest = new Dictionary<string, VersionRecord>(StringComparer.Ordinal);
        foreach (var record in stored.Versions)
        {
            byVersion[record.Version] = record;
            byDigest.TryAdd(record.Digest, record);
        }

        var recheck = RecheckBudget.Select(versions.Where(v => byVersion.ContainsKey(VersionTag.Format(v.Value))), stored.ScanCount);
        var context = new ScanContext(repository, byVersion, byDigest, recheck);
        var scanned = new ScannedVersion[versions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, versions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ReadsInFlight, CancellationToken = cancellationToken },
            async (index, token) => scanned[index] = await ScanTagAsync(context, versions[index].Key, versions[index].Value, token).ConfigureAwait(false))
            .ConfigureAwait(false);

        return new RepositoryScanResult(repository, _time.GetUtcNow(), scanned, ignored);
    }

    private async Task<ScannedVersion> ScanTagAsync(ScanContext context, string tag, SemanticVersion version, CancellationToken cancellationToken)
    {
        context.ByVersion.TryGetValue(VersionTag.Format(version), out var known);
        if (known is not null && !context.Recheck.Contains(tag))
        {
            return FromRecord(tag, version, known.Digest, known);
        }

        var head = await _manifests.HeadAsync(context.Repository, tag, cancellationToken).ConfigureAwait(false);
        var digest = head.Digest.Value;
        if (known is not null && string.Equals(known.Digest, digest, StringComparison.Ordinal))
        {
            return FromRecord(tag, version, digest, known);
        }

        if (context.ByDigest.TryGetValue(digest, out var sameImage))
        {
            return FromRecord(tag, version, digest, sameImage);
        }

        // Two new tags of one new image in the same scan read it once.
        var read = context.Reads.GetOrAdd(head.Digest, d => new Lazy<Task<ImageDetails>>(() => _images.ReadAsync(context.Repository, d, cancellationToken)));
        var details = await read.Value.ConfigureAwait(false);
        return new ScannedVersion(tag, version, digest, details.Platforms, ExtensionLabels.Read(details.Labels));
    }

    private static ScannedVersion FromRecord(string tag, SemanticVersion version, string digest, VersionRecord record) =>
        new(tag, version, digest, record.Platforms, ExtensionLabels.Read(record.Labels));

    [LoggerMessage(Level = LogLevel.Information, Message = "Scanned {Repository}: {VersionCount} versions, {IgnoredTagCount} other tags ignored")]
    private partial void LogScanned(string repository, int versionCount, int ignoredTagCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Repository} throttled until {RetryAt:O}: {Reason}")]
    private partial void LogThrottled(string repository, DateTimeOffset retryAt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan of {Repository} failed ({ErrorKind}): {Reason}")]
    private partial void LogFailed(string repository, RegistryErrorKind errorKind, string reason);

    private sealed record ScanContext(
        RepositoryName Repository,
        IReadOnlyDictionary<string, VersionRecord> ByVersion,
        IReadOnlyDictionary<string, VersionRecord> ByDigest,
        IReadOnlySet<string> Recheck)
    {
        public ConcurrentDictionary<Digest, Lazy<Task<ImageDetails>>> Reads { get; } = new();
    }
}
