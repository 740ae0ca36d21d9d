using Scanner.Application.Telemetry;
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
/// A fresh client stack (telemetry, transport, readers, scanner) for one test, so its accounting and token cache count
/// only that test's requests. <see cref="Commit"/> plays the catalog's part: it turns a scan into the next stored state.
/// </summary>
internal sealed class ScannerHarness : IDisposable
{
    private readonly TestTelemetry _telemetry = new();

    public ScannerHarness(
        string host,
        bool withCredentials = false,
        Action<RegistryHttpOptions>? http = null,
        string preferredPlatform = "linux/amd64",
        string password = RegistryServer.Password,
        TimeSpan? scanTimeout = null,
        TimeProvider? time = null,
        int pullReserve = RegistryHostOptions.DefaultPullReserve,
        List<string>? logs = null)
    {
        var options = new RegistryOptions { PreferredPlatform = preferredPlatform, ScanTimeout = scanTimeout ?? TimeSpan.FromSeconds(60) };
        options.Registries.Add(new RegistryHostOptions
        {
            Host = host,
            Insecure = true,
            Username = withCredentials ? RegistryServer.Username : null,
            Password = withCredentials ? password : null,
            PullReserve = pullReserve,
        });
        options.Http.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.Http.RetryMaxDelay = TimeSpan.FromMilliseconds(200);
        options.Http.RequestTimeout = TimeSpan.FromSeconds(10);
        http?.Invoke(options.Http);
        Options = options;
        Transport = new RegistryTransport(options, _telemetry.Telemetry, logs is null ? null : new ListLogger<RegistryTransport>(logs), time);
        var manifests = new ManifestReader(Transport);
        var images = new ImageReader(manifests, new BlobReader(Transport), ImageReader.ParsePreferred(preferredPlatform));
        Scanner = new RepositoryScanner(new TagListPager(Transport), manifests, images, Transport.Accounting, options.ScanTimeout, time, logs is null ? null : new ListLogger<RepositoryScanner>(logs));
        Inspector = new ImageInspector(images);
    }

    public RegistryOptions Options { get; }

    public ScannerTelemetry Telemetry => _telemetry.Telemetry;

    public RegistryTransport Transport { get; }

    public RepositoryScanner Scanner { get; }

    public ImageInspector Inspector { get; }

    /// <summary>Every request of this harness's transport so far.</summary>
    public RegistryRequestCounts Counts => Transport.Accounting.Snapshot();

    /// <summary>Scans and asserts success, returning the result and the requests the outcome says its scan took.</summary>
    public async Task<(RepositoryScanResult Result, RegistryRequestCounts Requests)> ScanAsync(StoredRepository stored)
    {
        var outcome = await Scanner.ScanAsync(stored);
        Assert.True(outcome.Succeeded, outcome.Failure);
        return (outcome.Result, outcome.Requests);
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

    public void Dispose()
    {
        Transport.Dispose();
        _telemetry.Dispose();
    }
}
