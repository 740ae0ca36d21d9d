using Microsoft.Extensions.Configuration;

namespace Scanner.Registry;

/// <summary>Registry client settings, bound from the <c>Scanner</c> configuration section.</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Scanner";

    /// <summary><c>Scanner:Registries</c>: per-host settings; hosts not listed are reached anonymously over https.</summary>
    public IList<RegistryHostOptions> Registries { get; init; } = [];

    /// <summary><c>Scanner:PreferredPlatform</c>: the platform whose labels represent a multi-platform image.</summary>
    public string PreferredPlatform { get; set; } = "linux/amd64";

    /// <summary>
    /// <c>Scanner:ScanTimeout</c> (<c>00:01:00</c>): the overall deadline of one repository scan, every request, retry and
    /// wait included. A scan still running then is a failed outcome, so a registry that goes silent cannot hold it.
    /// </summary>
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>Scanner:RegistryHttp</c>: limits, timeouts and retries of the HTTP layer.</summary>
    [ConfigurationKeyName("RegistryHttp")]
    public RegistryHttpOptions Http { get; init; } = new();

    internal RegistryHostOptions? FindHost(string registry)
    {
        foreach (var host in Registries)
        {
            if (string.Equals(host.Host, registry, StringComparison.OrdinalIgnoreCase))
            {
                return host;
            }
        }

        return null;
    }
}
