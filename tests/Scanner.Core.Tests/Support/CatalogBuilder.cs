using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Core.Tests.Support;

/// <summary>Builds the Core values the change and advice tests start from.</summary>
internal static class CatalogBuilder
{
    public static readonly RepositoryName Repository = RepositoryName.Parse("docker.io/example/extension");

    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ScannedVersion Scanned(string version, string digest, bool valid = true, string apiRange = ">= 0.2.3")
    {
        var labels = LabelSets.Valid(apiRange);
        if (!valid)
        {
            labels.Remove(LabelNames.Vendor);
        }

        return new ScannedVersion(version, SemanticVersion.Parse(version), digest, ["linux/amd64"], ExtensionLabels.Read(labels));
    }

    public static RepositoryScanResult Scan(DateTimeOffset at, params ScannedVersion[] versions) =>
        new(Repository, at, versions, IgnoredTagCount: 0);

    public static VersionRecord Record(string version, string apiRange = ">= 0.2.3", bool valid = true) => new()
    {
        Repository = Repository.Value,
        Version = version,
        Digest = "sha256:" + version,
        Labels = LabelSets.Valid(apiRange),
        ApiVersionRange = apiRange,
        IsValid = valid,
        Problems = valid ? [] : ["missing label org.opencontainers.image.vendor"],
        FirstSeen = Epoch,
    };

    public static CatalogExtension Extension(IEnumerable<VersionRecord> records, params string[] blocked) =>
        new(new AllowListEntry(Repository, Epoch, null, new HashSet<string>(blocked, StringComparer.Ordinal)), records);
}
