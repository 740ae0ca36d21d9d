using System.Text.RegularExpressions;

namespace Scanner.Infra.Tests.Settings;

/// <summary>
/// App setting names as the app sees them: Azure passes each setting as an environment variable, and .NET
/// configuration reads <c>__</c> as its section separator <c>:</c>.
/// </summary>
internal static partial class AppSettingName
{
    /// <summary>
    /// The parts of an identity-based connection (<c>Connection__part</c>) that the Functions host and the Azure SDK
    /// client factories read from the connection's section: code names the connection, not the parts.
    /// </summary>
    public static readonly IReadOnlySet<string> IdentityConnectionParts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "accountName", "blobServiceUri", "queueServiceUri", "tableServiceUri", "fullyQualifiedNamespace", "credential", "clientId",
    };

    /// <summary><c>Scanner__AllowList__3</c> becomes <c>Scanner__AllowList__N</c>: one name for every index.</summary>
    public static string WithIndicesAsN(string name) => Index().Replace(name, "__N");

    /// <summary>The configuration key of a setting: <c>Scanner__ScanSchedule</c> is <c>Scanner:ScanSchedule</c>.</summary>
    public static string ConfigurationKeyOf(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    public static string SettingNameOf(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>For <c>AzureWebJobsStorage__accountName</c>, the connection <c>AzureWebJobsStorage</c>; else null.</summary>
    public static string? ConnectionOf(string name)
    {
        var parts = name.Split("__");
        return parts.Length == 2 && IdentityConnectionParts.Contains(parts[1]) ? parts[0] : null;
    }

    [GeneratedRegex(@"__(\d+|N)(?=__|$)")]
    private static partial Regex Index();
}
