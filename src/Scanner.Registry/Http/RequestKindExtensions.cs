namespace Scanner.Registry.Http;

/// <summary>How a request kind is named in telemetry, and whether registries count it as a pull.</summary>
public static class RequestKindExtensions
{
    /// <summary>The <c>scanner.registry.request.kind</c> value: <c>tags</c>, <c>manifest_head</c>, <c>manifest_get</c>, <c>blob_get</c>, <c>token</c>.</summary>
    public static string ToWireName(this RequestKind kind) => kind switch
    {
        RequestKind.Token => "token",
        RequestKind.TagsPage => "tags",
        RequestKind.ManifestHead => "manifest_head",
        RequestKind.ManifestGet => "manifest_get",
        RequestKind.BlobGet => "blob_get",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Docker Hub counts a manifest GET as a pull; HEAD, tag lists, blobs and tokens are free.</summary>
    public static bool IsPullCounted(this RequestKind kind) => kind == RequestKind.ManifestGet;
}
