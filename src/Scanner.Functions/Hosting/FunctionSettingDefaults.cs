using Scanner.Functions.Functions;

namespace Scanner.Functions.Hosting;

/// <summary>
/// Values of settings that triggers name with <c>%Setting%</c>, used when the setting is absent. The Functions host
/// has no such fallback, so the template sets each of them; the standalone host reads them under its configuration.
/// </summary>
public static class FunctionSettingDefaults
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        [ScanningFunctions.ScheduleSetting] = ScanningFunctions.DefaultSchedule,
    };
}
