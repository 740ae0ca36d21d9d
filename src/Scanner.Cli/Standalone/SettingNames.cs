using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Scanner.Cli.Standalone;

/// <summary>The Functions host's <c>%Setting%</c> syntax in trigger attributes, resolved from configuration.</summary>
public static partial class SettingNames
{
    public static string Resolve(string value, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(configuration);
        return Reference().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            return configuration[name] is { Length: > 0 } resolved
                ? resolved
                : throw new InvalidOperationException($"The setting {name} (environment variable {name.Replace(":", "__", StringComparison.Ordinal)}) is not set; a trigger refers to it as %{name}%.");
        });
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex Reference();
}
