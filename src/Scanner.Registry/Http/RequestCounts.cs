namespace Scanner.Registry.Http;

/// <summary>Requests sent per kind and response body bytes received; subtract two snapshots to measure one scan.</summary>
public readonly record struct RequestCounts(long Token, long TagsPage, long ManifestHead, long ManifestGet, long BlobGet, long Bytes)
{
    public long Total => Token + TagsPage + ManifestHead + ManifestGet + BlobGet;

    /// <summary>Manifest and blob GETs: on Docker Hub a manifest GET counts as a pull.</summary>
    public long Gets => ManifestGet + BlobGet;

    public static RequestCounts operator -(RequestCounts after, RequestCounts before) => new(
        after.Token - before.Token,
        after.TagsPage - before.TagsPage,
        after.ManifestHead - before.ManifestHead,
        after.ManifestGet - before.ManifestGet,
        after.BlobGet - before.BlobGet,
        after.Bytes - before.Bytes);

    public static RequestCounts Subtract(RequestCounts after, RequestCounts before) => after - before;

    public override string ToString() =>
        $"token={Token} tagsPage={TagsPage} manifestHead={ManifestHead} manifestGet={ManifestGet} blobGet={BlobGet} bytes={Bytes}";
}
