namespace Scanner.Testing.Azurite;

/// <summary>The checkout the tests run from: the nearest directory above the test binaries holding <c>Scanner.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scanner.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Scanner.sln above {AppContext.BaseDirectory}: run the tests from a checkout.");
    }
}
