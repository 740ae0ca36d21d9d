using Microsoft.Extensions.Configuration;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// App settings as the scanner sees them: Azure passes each as an environment variable, and configuration turns
/// <c>__</c> into the <c>:</c> section separator (what the environment variables provider does, without touching
/// this process's environment).
/// </summary>
internal static class AppSettingConfiguration
{
    public static string KeyOf(string settingName) => settingName.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);

    public static string SettingNameOf(string configurationKey) => configurationKey.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal);

    public static IConfiguration From(IEnumerable<KeyValuePair<string, string>> settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(KeyOf(setting.Key), setting.Value)))
            .Build();

    public static IConfiguration From(string settingName, string value) => From([new(settingName, value)]);
}
