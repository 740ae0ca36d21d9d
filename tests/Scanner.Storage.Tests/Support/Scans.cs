using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NuGet.Versioning;
using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Storage.Tests.Support;

/// <summary>Scan results as a registry scan would produce them.</summary>
public static class Scans
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static RepositoryName Repository(string name = "docker.io/acme/extension") => RepositoryName.Parse(name);

    public static string Digest(string seed) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    public static IReadOnlyDictionary<string, string> ValidLabels(string title = "Acme") => new Dictionary<string, string>
    {
        [LabelNames.Title] = title,
        [LabelNames.Description] = "An extension",
        [LabelNames.Vendor] = "Acme Inc.",
        [LabelNames.ApiVersion] = ">= 0.3.0",
        [LabelNames.Icon] = "https://acme.example/icon.svg",
        [LabelNames.Screenshots] = """[{"alt":"main","url":"https://acme.example/1.png"}]""",
        [LabelNames.DetailedDescription] = "<p>Details</p>",
        [LabelNames.PublisherUrl] = "https://acme.example",
        [LabelNames.Changelog] = "<p>Changes</p>",
    };

    public static ScannedVersion Version(string version, string? digestSeed = null, IReadOnlyDictionary<string, string>? labels = null) => new(
        version,
        SemanticVersion.Parse(version),
        Digest(digestSeed ?? version),
        ["linux/amd64"],
        ExtensionLabels.Read(labels ?? ValidLabels()));

    public static RepositoryScanResult Of(RepositoryName repository, DateTimeOffset at, params ScannedVersion[] versions) =>
        new(repository, at, versions, 0);

    /// <summary><paramref name="count"/> distinct versions: 1.0.0 ... spread over patch and minor numbers.</summary>
    public static ScannedVersion[] ManyVersions(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Version(string.Create(CultureInfo.InvariantCulture, $"1.{i / 50}.{i % 50}")))];
}
