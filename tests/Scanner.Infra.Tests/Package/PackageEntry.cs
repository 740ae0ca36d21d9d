namespace Scanner.Infra.Tests.Package;

/// <summary>One file of the deployment zip.</summary>
internal sealed record PackageEntry(string Path, long Length)
{
    /// <summary>The folder right under the root, or null for a file at the root.</summary>
    public string? TopFolder => Path.Contains('/', StringComparison.Ordinal) ? Path[..Path.IndexOf('/', StringComparison.Ordinal)] : null;

    /// <summary>The file name, without its folders.</summary>
    public string Name => Path[(Path.LastIndexOf('/') + 1)..];

    public override string ToString() => $"{Length,10} {Path}";
}
