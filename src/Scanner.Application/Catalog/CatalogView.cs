using Scanner.Application.Catalog.Models;
using Scanner.Application.Outcomes;
using Scanner.Application.Scanning;
using Scanner.Core.Catalog;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;

namespace Scanner.Application.Catalog;

/// <summary>
/// Functions <c>ListExtensions</c> and <c>GetExtension</c>: the catalog as clients see it, from this instance's
/// snapshot and scan board (no storage call per request). <see cref="Sequence"/> is the version of what is answered.
/// </summary>
public sealed class CatalogView(ICatalogSnapshotSource snapshots, ScanStatusBoard board, TimeProvider time)
{
    public (ExtensionList List, long Sequence) List()
    {
        var view = snapshots.Current;
        var list = view.Catalog.Extensions.Select(e =>
        {
            var latest = e.LatestOffered?.Record;
            var labels = Describing(e);
            return new ExtensionSummary(
                e.Repository.Value,
                Label(labels, LabelNames.Title),
                Label(labels, LabelNames.Vendor),
                Label(labels, LabelNames.Description),
                Label(labels, LabelNames.Icon),
                latest?.Version,
                latest?.ApiVersionRange);
        }).ToArray();
        return (new ExtensionList(list), view.Sequence);
    }

    /// <summary>
    /// One extension. Its version (for ETags) is the catalog's sequence and the scan board's last change of it, so a
    /// finished scan that changed no version still shows.
    /// </summary>
    public Outcome<(ExtensionDetail Detail, string Version)> Get(string? repository)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Outcome<(ExtensionDetail, string)>.Invalid(error);
        }

        var view = snapshots.Current;
        var extension = view.Catalog.Find(name);
        if (extension is null)
        {
            return Outcome<(ExtensionDetail, string)>.NotFound($"{name} is not an allow-listed extension.");
        }

        var scan = board.Get(name);
        var labels = Describing(extension);
        var detail = new ExtensionDetail(
            name.Value,
            extension.Entry.Note,
            extension.Entry.AddedAt,
            Label(labels, LabelNames.Title),
            Label(labels, LabelNames.Vendor),
            Label(labels, LabelNames.Description),
            Label(labels, LabelNames.Icon),
            extension.LatestOffered?.Record.Version,
            new ScanStatus(
                scan.LastStartedAt,
                scan.LastEndedAt,
                scan.LastOutcome?.ToString().ToLowerInvariant(),
                scan.LastFailure,
                scan.LastSucceededAt,
                scan.RetryAt,
                ScanLeaseRules.IsLeased(scan, time.GetUtcNow())),
            [.. extension.Versions.Select(v => new VersionDetail(
                v.Record.Version,
                v.Record.Digest,
                v.Record.Platforms,
                v.Record.ApiVersionRange,
                v.Record.IsValid,
                v.Record.Problems,
                v.IsBlocked,
                v.Record.FirstSeen,
                v.Record.Labels))]);
        var version = $"{view.Sequence}-{scan.LastEndedAt?.UtcTicks ?? 0}-{scan.LastStartedAt?.UtcTicks ?? 0}";
        return Outcome<(ExtensionDetail, string)>.Ok((detail, version));
    }

    // The newest offered version describes the extension; without one, the newest recorded.
    private static IReadOnlyDictionary<string, string>? Describing(CatalogExtension extension) =>
        (extension.LatestOffered?.Record ?? (extension.Versions.Count > 0 ? extension.Versions[0].Record : null))?.Labels;

    private static string? Label(IReadOnlyDictionary<string, string>? labels, string name) =>
        labels is not null && labels.TryGetValue(name, out var value) ? value : null;
}
