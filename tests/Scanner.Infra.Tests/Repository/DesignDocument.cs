namespace Scanner.Infra.Tests.Repository;

/// <summary>docs/DESIGN.md, read by section.</summary>
internal static class DesignDocument
{
    public const string Path = "docs/DESIGN.md";

    /// <summary>The lines after the heading that starts with <paramref name="heading"/>, up to the next section.</summary>
    public static IEnumerable<string> Section(string heading)
    {
        var lines = RepositoryFiles.ReadText(Path).Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith(heading, StringComparison.Ordinal));
        return start >= 0
            ? lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)).ToList()
            : throw new InvalidOperationException($"'{heading}' not found in {Path}.");
    }
}
