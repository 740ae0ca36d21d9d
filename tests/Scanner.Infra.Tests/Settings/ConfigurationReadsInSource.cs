using System.Text.RegularExpressions;
using Scanner.Infra.Tests.Repository;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// Which configuration keys C# source reads, judged from its text: the string literals it holds and the properties
/// it declares. A key is read when a literal names it whole (<c>"%Scanner:ScanSchedule%"</c>), or names a section
/// of it whose remaining parts are properties bound from that section or literals appended to it
/// (<c>SectionName = "Scanner"</c> with <c>PreferredPlatform { get; set; }</c>; <c>Name + ":accountName"</c>).
/// Index parts (<c>0</c>, <c>N</c>) match any child of a section the code enumerates.
/// </summary>
internal sealed partial class ConfigurationReadsInSource
{
    private readonly HashSet<string> literals = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> words = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationReadsInSource(IEnumerable<string> sources)
    {
        foreach (var source in sources)
        {
            foreach (Match literal in StringLiteral().Matches(source))
            {
                var text = literal.Groups[1].Value.Trim('%');
                literals.Add(text);
                words.Add(text.Trim(':', '_'));
            }

            foreach (Match property in PropertyDeclaration().Matches(source))
            {
                words.Add(property.Groups[1].Value);
            }
        }
    }

    /// <summary>The C# sources under src/.</summary>
    public static ConfigurationReadsInSource OfRepository() =>
        new(RepositoryFiles.SourceFiles().Select(File.ReadAllText));

    /// <summary>Whether a literal of the source is exactly <paramref name="text"/> (case-insensitive, as configuration is).</summary>
    public bool HasLiteral(string text) => literals.Contains(text);

    /// <summary>Whether the source reads <paramref name="configurationKey"/> (<c>Scanner:AllowList:N</c>).</summary>
    public bool Reads(string configurationKey)
    {
        var parts = configurationKey.Split(':');
        for (var length = parts.Length; length >= 1; length--)
        {
            var section = string.Join(':', parts.Take(length).Where(part => !IsIndex(part)));
            if (section.Length > 0 && literals.Contains(section) && parts.Skip(length).All(part => IsIndex(part) || words.Contains(part)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIndex(string part) => part == "N" || part.All(char.IsAsciiDigit);

    // A regular or verbatim string literal, without its quotes; interpolation holes stay in the text and match nothing.
    [GeneratedRegex("@?\\$?\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\b([A-Z]\w*)\s*\{\s*(?:get|init)\b")]
    private static partial Regex PropertyDeclaration();
}
