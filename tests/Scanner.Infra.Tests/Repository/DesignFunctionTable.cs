using System.Text.RegularExpressions;

namespace Scanner.Infra.Tests.Repository;

/// <summary>The function table of docs/DESIGN.md section 3, the list the package is held against.</summary>
internal static partial class DesignFunctionTable
{
    private const string DesignPath = "docs/DESIGN.md";
    private const string SectionHeading = "## 3. Functions";

    public static IReadOnlyList<DesignFunction> Read()
    {
        var lines = RepositoryFiles.ReadText(DesignPath).Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith(SectionHeading, StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException($"'{SectionHeading}' not found in {DesignPath}.");
        }

        var functions = new List<DesignFunction>();
        foreach (var line in lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // A data row is "| `Name`, `Name` | trigger | does |": cells[0] and cells[^1] are the empty outer edges.
            if (cells.Length < 4 || !cells[1].StartsWith('`'))
            {
                continue;
            }

            var trigger = cells[2];
            functions.AddRange(BacktickedName().Matches(cells[1]).Select(match => new DesignFunction(match.Groups[1].Value, trigger, AuthLevelOf(trigger))));
        }

        return functions.Count > 0
            ? functions
            : throw new InvalidOperationException($"No function rows under '{SectionHeading}' in {DesignPath}.");
    }

    private static string? AuthLevelOf(string trigger) =>
        !trigger.StartsWith("HTTP", StringComparison.Ordinal) ? null
        : trigger.Contains("admin key", StringComparison.Ordinal) ? "admin"
        : trigger.Contains("function key", StringComparison.Ordinal) ? "function"
        : trigger.Contains("anonymous", StringComparison.Ordinal) ? "anonymous"
        : throw new InvalidOperationException($"DESIGN.md names no key for the HTTP trigger '{trigger}'.");

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex BacktickedName();
}
