using Microsoft.Extensions.Configuration;

namespace Scanner.Cli.Configuration;

/// <summary>Where settings come from, in Functions tooling order: local.settings.json Values, environment, command line.</summary>
public static class ScannerConfiguration
{
    public static void Apply(IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Clear();
        configuration.AddLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json"));
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
