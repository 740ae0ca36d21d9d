using System.Text.RegularExpressions;
using Scanner.Infra.Tests.Settings;

namespace Scanner.Infra.Tests.Repository;

/// <summary>
/// The setting names of docs/DESIGN.md section 8 (Configuration), as app settings with indices as <c>N</c>:
/// <c>`Scanner__AllowList__0`, `__1`</c> is <c>Scanner__AllowList__N</c>, and a name that starts with <c>__</c>
/// replaces the last part of the name before it (<c>`Scanner__Registries__N__Host`, `__Insecure`</c>).
/// </summary>
internal static partial class DesignConfigurationTable
{
    private const string SectionHeading = "## 8. Configuration";

    public static IReadOnlyList<string> Read()
    {
        var names = new List<string>();
        foreach (var line in DesignDocument.Section(SectionHeading))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 3 || !cells[1].StartsWith('`'))
            {
                continue;
            }

            string? previous = null;
            foreach (var token in Backticked().Matches(cells[1]).Select(match => match.Groups[1].Value))
            {
                // `--urls` is a command-line option, not a setting.
                if (token.StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = token.StartsWith("__", StringComparison.Ordinal) && previous is not null
                    ? previous[..previous.LastIndexOf("__", StringComparison.Ordinal)] + token
                    : token;
                names.Add(AppSettingName.WithIndicesAsN(name));
                previous = name;
            }
        }

        return names.Count > 0
            ? names.Distinct(StringComparer.Ordinal).ToList()
            : throw new InvalidOperationException($"No setting rows under '{SectionHeading}' in {DesignDocument.Path}.");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
