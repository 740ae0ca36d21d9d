using Microsoft.Extensions.Configuration;
using Scanner.Functions.Hosting;

namespace Scanner.Cli.Configuration;

/// <summary>
/// Where settings come from, in Functions tooling order: local.settings.json Values, environment, command line; under
/// them the defaults of settings that triggers name.
/// </summary>
public static class ScannerConfiguration
{
    public static void Apply(IConfigurationBuilder configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(FunctionSettingDefaults.Values);
        configuration.AddLocalSettings(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json"));
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
