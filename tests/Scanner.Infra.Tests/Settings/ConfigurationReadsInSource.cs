using System.Text.RegularExpressions;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// Which configuration keys C# source reads, judged from its text: the string literals and the properties of each
/// file. A key is read when a literal names it whole (<c>"%Scanner:ScanSchedule%"</c>), or names a section of it and
/// the same file declares the next part, as a property bound from that section or a literal appended to it
/// (<c>SectionName = "Scanner"</c> beside <c>PreferredPlatform { get; set; }</c>; <c>Name + ":accountName"</c>), the
/// parts after that being properties or literals of any file (nested options). Index parts (<c>0</c>, <c>N</c>)
/// match any child of a section the code enumerates.
/// </summary>
internal sealed partial class ConfigurationReadsInSource
{
    private readonly List<SourceFile> files;
    private readonly HashSet<string> allWords = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationReadsInSource(IEnumerable<string> sources)
    {
        files = sources.Select(Read).ToList();
        foreach (var file in files)
        {
            allWords.UnionWith(file.Words);
        }
    }

    /// <summary>The C# sources under src/.</summary>
    public static ConfigurationReadsInSource OfRepository() =>
        new(RepositoryFiles.SourceFiles().Select(File.ReadAllText));

    /// <summary>Whether a literal of the source is exactly <paramref name="text"/> (case-insensitive, as configuration is).</summary>
    public bool HasLiteral(string text) => files.Any(file => file.Literals.Contains(text));

    /// <summary>Whether the source reads <paramref name="configurationKey"/> (<c>Scanner:AllowList:N</c>).</summary>
    public bool Reads(string configurationKey)
    {
        var parts = configurationKey.Split(':');
        for (var length = parts.Length; length >= 1; length--)
        {
            var section = string.Join(':', parts.Take(length).Where(part => !IsIndex(part)));
            var rest = parts.Skip(length).Where(part => !IsIndex(part)).ToList();
            if (section.Length == 0)
            {
                continue;
            }

            if (files.Any(file => file.Literals.Contains(section) && (rest.Count == 0 || file.Words.Contains(rest[0])))
                && rest.Skip(1).All(allWords.Contains))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIndex(string part) => part == "N" || part.All(char.IsAsciiDigit);

    private static SourceFile Read(string source)
    {
        var file = new SourceFile();
        foreach (Match literal in StringLiteral().Matches(source))
        {
            var text = literal.Groups[1].Value.Trim('%');
            file.Literals.Add(text);
            file.Words.Add(text.Trim(':', '_'));
        }

        foreach (Match property in PropertyDeclaration().Matches(source))
        {
            file.Words.Add(property.Groups[1].Value);
        }

        return file;
    }

    // A regular or verbatim string literal, without its quotes; interpolation holes stay in the text and match nothing.
    [GeneratedRegex("@?\\$?\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b([A-Z]\w*)\s*\{\s*(?:get|init)\b")]
    private static partial Regex PropertyDeclaration();

    private sealed class SourceFile
    {
        public HashSet<string> Literals { get; } = new(StringComparer.OrdinalIgnoreCase);

        public HashSet<string> Words { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
