using Scanner.Core.Catalog;
using Scanner.Core.Changes;
using Scanner.Core.Scanning;
using Scanner.Registry;
using Scanner.Registry.Distribution;
using Scanner.Registry.Http;
using Scanner.Registry.Scanning;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

/// <summary>
/// A fresh client stack (transport, readers, scanner) for one test, so its accounting and token cache count only
/// that test's requests. <see cref="CommitAsync"/> plays the catalog's part: it turns a scan into the next stored state.
/// </summary>
internal sealed class ScannerHarness : IDisposable
{
    public ScannerHarness(
        string host,
        bool withCredentials = false,
        Action<RegistryHttpOptions>? http = null,
        string preferredPlatform = "linux/amd64",
        string password = RegistryServer.Password)
    {
        var options = new RegistryOptions { PreferredPlatform = preferredPlatform };
        options.Registries.Add(new RegistryHostOptions
        {
            Host = host,
            Insecure = true,
            Username = withCredentials ? RegistryServer.Username : null,
            Password = withCredentials ? password : null,
        });
        options.Http.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.Http.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        options.Http.RequestTimeout = TimeSpan.FromSeconds(10);
        http?.Invoke(options.Http);
        Transport = new RegistryTransport(options);
        var manifests = new ManifestReader(Transport);
        var images = new ImageReader(manifests, new BlobReader(Transport), ImageReader.ParsePreferred(preferredPlatform));
        Scanner = new RepositoryScanner(new TagListPager(Transport), manifests, images);
        Inspector = new ImageInspector(images);
    }

    public RegistryTransport Transport { get; }

    public RepositoryScanner Scanner { get; }

    public ImageInspector Inspector { get; }

    public RequestCounts Counts => Transport.Accounting.Snapshot();

    /// <summary>Scans and asserts success, returning the result and the requests it took.</summary>
    public async Task<(RepositoryScanResult Result, RequestCounts Requests)> ScanAsync(StoredRepository stored)
    {
        var before = Counts;
        var outcome = await Scanner.ScanAsync(stored);
        Assert.True(outcome.Succeeded, outcome.Failure);
        return (outcome.Result, Counts - before);
    }

    /// <summary>The stored state after committing <paramref name="scan"/> on top of <paramref name="stored"/>.</summary>
    public static StoredRepository Commit(StoredRepository stored, RepositoryScanResult scan)
    {
        var changes = ChangeDetector.Detect(stored, scan);
        var versions = stored.Versions.ToDictionary(v => v.Version, StringComparer.Ordinal);
        foreach (var delete in changes.Deletes)
        {
            versions.Remove(delete);
        }

        foreach (var upsert in changes.Upserts)
        {
            versions[upsert.Version] = upsert;
        }

        return new StoredRepository(stored.Repository, versions.Values.ToList<VersionRecord>(), stored.ScanCount + 1);
    }

    public void Dispose() => Transport.Dispose();
}
