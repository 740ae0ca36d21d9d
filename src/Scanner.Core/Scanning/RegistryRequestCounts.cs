namespace Scanner.Core.Scanning;

/// <summary>
/// Registry requests by kind (retries, auth round trips and redirect hops included), the pulls they spent and the body
/// bytes received: of one repository scan, or of a whole process. Add scans' counts for a cycle; subtract two
/// snapshots to measure a stretch.
/// </summary>
/// <param name="Token">Token service requests.</param>
/// <param name="TagsPage">Tag list pages.</param>
/// <param name="ManifestHead">Manifest HEADs: free on Docker Hub.</param>
/// <param name="ManifestGet">Manifest GETs sent.</param>
/// <param name="BlobGet">Config blob GETs (each redirect hop counts).</param>
/// <param name="Pulls">Manifest GETs the registry answered (other than 429): what Docker Hub counts against the pull allowance.</param>
/// <param name="Bytes">Response body bytes received.</param>
public readonly record struct RegistryRequestCounts(long Token, long TagsPage, long ManifestHead, long ManifestGet, long BlobGet, long Pulls, long Bytes)
{
    public long Total => Token + TagsPage + ManifestHead + ManifestGet + BlobGet;

    /// <summary>Manifest and blob GETs.</summary>
    public long Gets => ManifestGet + BlobGet;

    public static RegistryRequestCounts operator +(RegistryRequestCounts left, RegistryRequestCounts right) => new(
        left.Token + right.Token,
        left.TagsPage + right.TagsPage,
        left.ManifestHead + right.ManifestHead,
        left.ManifestGet + right.ManifestGet,
        left.BlobGet + right.BlobGet,
        left.Pulls + right.Pulls,
        left.Bytes + right.Bytes);

    public static RegistryRequestCounts Add(RegistryRequestCounts left, RegistryRequestCounts right) => left + right;

    public static RegistryRequestCounts operator -(RegistryRequestCounts after, RegistryRequestCounts before) => new(
        after.Token - before.Token,
        after.TagsPage - before.TagsPage,
        after.ManifestHead - before.ManifestHead,
        after.ManifestGet - before.ManifestGet,
        after.BlobGet - before.BlobGet,
        after.Pulls - before.Pulls,
        after.Bytes - before.Bytes);

    public override string ToString() =>
        $"token={Token} tagsPage={TagsPage} manifestHead={ManifestHead} manifestGet={ManifestGet} blobGet={BlobGet} pulls={Pulls} bytes={Bytes}";
}
