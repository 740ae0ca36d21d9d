using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Scanner.Core.Repositories;

namespace Scanner.Testing.Registry;

/// <summary>
/// Pushes synthetic extension images through the distribution API, as a client would: monolithic blob uploads
/// (POST then PUT with the digest) for the config and one small layer, then manifest PUTs, platform manifests before
/// the index that lists them. Repositories get unique names so tests never see each other's data.
/// </summary>
public sealed class RegistrySeeder : IDisposable
{
    private const string OciIndex = "application/vnd.oci.image.index.v1+json";
    private const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    private const string OciConfig = "application/vnd.oci.image.config.v1+json";
    private const string OciLayer = "application/vnd.oci.image.layer.v1.tar+gzip";
    private const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";
    private const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    private const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    private const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private readonly RegistryServer _server;
    private readonly HttpClient _http;

    public RegistrySeeder(RegistryServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server;
        _http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>A repository name nobody else uses: <c>{host}/{prefix}-{random}</c>.</summary>
    public RepositoryName NewRepository(string prefix) =>
        RepositoryName.Parse($"{_server.Host}/test/{prefix.ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..10]}");

    /// <summary>Pushes <paramref name="image"/> and points <paramref name="tag"/> at it (moving the tag if it existed: a retag).</summary>
    public async Task<PushedImage> PushAsync(RepositoryName repository, string tag, SeedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(image);
        var auth = _server.PushAuthorization(repository.Path);
        var platformManifests = new List<(string Platform, string Digest, int Size)>();
        var manifestType = image.Format == ManifestFormat.Oci ? OciManifest : DockerManifest;
        byte[]? single = null;
        foreach (var platform in image.Platforms)
        {
            var labels = new Dictionary<string, string>(image.Labels, StringComparer.Ordinal);
            if (image.IsIndex)
            {
                labels[SeedImage.PlatformLabel] = platform;
            }

            var manifest = await PushImageManifestAsync(repository, platform, labels, image.Format, auth, cancellationToken).ConfigureAwait(false);
            single = manifest;
            platformManifests.Add((platform, await PutManifestAsync(repository, DigestOf(manifest), manifestType, manifest, auth, cancellationToken).ConfigureAwait(false), manifest.Length));
        }

        if (!image.IsIndex)
        {
            await PutManifestAsync(repository, tag, manifestType, single!, auth, cancellationToken).ConfigureAwait(false);
            return new PushedImage(DigestOf(single!), manifestType, single!, image.Platforms);
        }

        var indexType = image.Format == ManifestFormat.Oci ? OciIndex : DockerList;
        var index = Json(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = indexType,
            ["manifests"] = platformManifests.Select(m => new Dictionary<string, object>
            {
                ["mediaType"] = manifestType,
                ["digest"] = m.Digest,
                ["size"] = m.Size,
                ["platform"] = PlatformObject(m.Platform),
            }).ToList(),
        });
        await PutManifestAsync(repository, tag, indexType, index, auth, cancellationToken).ConfigureAwait(false);
        return new PushedImage(DigestOf(index), indexType, index, image.Platforms);
    }

    /// <summary>Points more tags at an image already pushed (manifest PUTs only), a few at a time.</summary>
    public async Task TagAsync(RepositoryName repository, PushedImage image, IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(image);
        var auth = _server.PushAuthorization(repository.Path);
        await Parallel.ForEachAsync(
            tags,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (tag, token) => await PutManifestAsync(repository, tag, image.MediaType, image.Manifest, auth, token).ConfigureAwait(false))
            .ConfigureAwait(false);
    }

    public Task TagAsync(RepositoryName repository, PushedImage image, string tag, CancellationToken cancellationToken = default) =>
        TagAsync(repository, image, [tag], cancellationToken);

    private async Task<byte[]> PushImageManifestAsync(
        RepositoryName repository, string platform, Dictionary<string, string> labels, ManifestFormat format, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        var parts = platform.Split('/');
        var layer = Encoding.UTF8.GetBytes($"layer of {platform} {labels.GetValueOrDefault("test.build")}");
        var layerDigest = DigestOf(layer);
        var configObject = new Dictionary<string, object>
        {
            ["architecture"] = parts[1],
            ["os"] = parts[0],
            ["config"] = new Dictionary<string, object> { ["Labels"] = labels },
            ["rootfs"] = new Dictionary<string, object> { ["type"] = "layers", ["diff_ids"] = new[] { layerDigest } },
        };
        if (parts.Length > 2)
        {
            configObject["variant"] = parts[2];
        }

        var config = Json(configObject);
        await UploadBlobAsync(repository, config, auth, cancellationToken).ConfigureAwait(false);
        await UploadBlobAsync(repository, layer, auth, cancellationToken).ConfigureAwait(false);
        return Json(new Dictionary<string, object>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = format == ManifestFormat.Oci ? OciManifest : DockerManifest,
            ["config"] = new Dictionary<string, object>
            {
                ["mediaType"] = format == ManifestFormat.Oci ? OciConfig : DockerConfig,
                ["digest"] = DigestOf(config),
                ["size"] = config.Length,
            },
            ["layers"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["mediaType"] = format == ManifestFormat.Oci ? OciLayer : DockerLayer,
                    ["digest"] = layerDigest,
                    ["size"] = layer.Length,
                },
            },
        });
    }

    private async Task UploadBlobAsync(RepositoryName repository, byte[] content, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository.Path}/blobs/uploads/");
        start.Headers.Authorization = auth;
        using var started = await _http.SendAsync(start, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(started, HttpStatusCode.Accepted, "start blob upload", cancellationToken).ConfigureAwait(false);
        var location = started.Headers.Location ?? throw new InvalidOperationException("blob upload answered without Location");
        var upload = location.IsAbsoluteUri ? location : new Uri(_server.BaseUri, location);
        var separator = string.IsNullOrEmpty(upload.Query) ? "?" : "&";
        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(upload.AbsoluteUri + separator + "digest=" + Uri.EscapeDataString(DigestOf(content))));
        put.Headers.Authorization = auth;
        put.Content = new ByteArrayContent(content);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var done = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(done, HttpStatusCode.Created, "finish blob upload", cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> PutManifestAsync(
        RepositoryName repository, string reference, string mediaType, byte[] manifest, AuthenticationHeaderValue? auth, CancellationToken cancellationToken)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository.Path}/manifests/{reference}");
        put.Headers.Authorization = auth;
        put.Content = new ByteArrayContent(manifest);
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await _http.SendAsync(put, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, HttpStatusCode.Created, $"PUT manifest {reference}", cancellationToken).ConfigureAwait(false);
        return DigestOf(manifest);
    }

    private async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{what}: registry answered {(int)response.StatusCode}: {body}{Environment.NewLine}{_server.RecentLog}");
        }
    }

    private static Dictionary<string, object> PlatformObject(string platform)
    {
        var parts = platform.Split('/');
        var result = new Dictionary<string, object> { ["architecture"] = parts[1], ["os"] = parts[0] };
        if (parts.Length > 2)
        {
            result["variant"] = parts[2];
        }

        return result;
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value);

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public void Dispose() => _http.Dispose();
}
