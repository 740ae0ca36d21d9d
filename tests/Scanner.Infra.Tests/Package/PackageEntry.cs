namespace Scanner.Infra.Tests.Package;

/// <summary>One file of the deployment zip, with the Unix mode its external attributes carry.</summary>
internal sealed record PackageEntry(string Path, int UnixMode, long Length)
{
    private const int OwnerExecute = 0b001_000_000;

    /// <summary>What Linux makes of the mode when the Functions host extracts the zip: the owner may run it.</summary>
    public bool IsExecutable => (UnixMode & OwnerExecute) != 0;

    /// <summary>The folder right under the root, or null for a file at the root.</summary>
    public string? TopFolder => Path.Contains('/', StringComparison.Ordinal) ? Path[..Path.IndexOf('/', StringComparison.Ordinal)] : null;

    public override string ToString() => $"{Convert.ToString(UnixMode, 8),6} {Length,10} {Path}";
}
