namespace Scanner.Testing.Registry;

/// <summary>One line of the registry's access log: a request as the registry saw it.</summary>
public sealed record AccessLogEntry(string Method, string Target, int Status)
{
    public string Path => Target.Split('?', 2)[0];

    /// <summary>
    /// The request's kind as the scanner's telemetry names it (<c>tags</c>, <c>manifest_head</c>, <c>manifest_get</c>,
    /// <c>blob_get</c>), or <c>other</c> (pushes, <c>/v2/</c>).
    /// </summary>
    public string Kind => (Method, Path) switch
    {
        ("GET", var p) when p.EndsWith("/tags/list", StringComparison.Ordinal) => "tags",
        ("HEAD", var p) when p.Contains("/manifests/", StringComparison.Ordinal) => "manifest_head",
        ("GET", var p) when p.Contains("/manifests/", StringComparison.Ordinal) => "manifest_get",
        ("GET", var p) when p.Contains("/blobs/", StringComparison.Ordinal) => "blob_get",
        _ => "other",
    };
}
