namespace Scanner.Registry.Http;

/// <summary>Caps on what a registry may send (DESIGN section 4): a hostile registry cannot exhaust memory.</summary>
public static class BodyLimits
{
    public const long Manifest = 4 * 1024 * 1024;

    public const long ConfigBlob = 4 * 1024 * 1024;

    /// <summary>A page of 1,000 tags of at most 128 characters is well under this.</summary>
    public const long TagsPage = 1024 * 1024;

    public const long Token = 256 * 1024;

    /// <summary>Bodies of answers that are not used (errors, HEAD) are read only this far.</summary>
    public const long Ignored = 64 * 1024;

    public const int TagsPerRepository = 10_000;

    public const int TagPages = 100;

    public const int TagsPageSize = 1000;
}
