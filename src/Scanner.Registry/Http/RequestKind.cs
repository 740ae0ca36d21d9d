namespace Scanner.Registry.Http;

/// <summary>What a request is for; requests are counted per kind.</summary>
public enum RequestKind
{
    Token,
    TagsPage,
    ManifestHead,
    ManifestGet,
    BlobGet,
}
