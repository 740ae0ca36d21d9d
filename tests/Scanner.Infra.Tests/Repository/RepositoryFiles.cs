using System.Reflection;

namespace Scanner.Infra.Tests.Repository;

/// <summary>The checkout the test project was built from: its root, DESIGN.md, host.json and the C# sources.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = LocateRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>The C# files under src/ (build output left out), for names the code reads without exposing a constant.</summary>
    public static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string LocateRoot()
    {
        var root = typeof(RepositoryFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == "RepositoryDirectory")?.Value;
        if (string.IsNullOrWhiteSpace(root) || !File.Exists(Path.Combine(root, "build.sh")))
        {
            throw new InvalidOperationException($"The repository root (with build.sh) was not found at '{root}'.");
        }

        return root;
    }
}
