namespace Scanner.Registry;

/// <summary>One entry of <c>Scanner:Registries</c>: how to reach a registry host.</summary>
public sealed class RegistryHostOptions
{
    public const int DefaultPullReserve = 10;

    /// <summary>Registry name as in repository names (<c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>
    /// Where the host is reached, when not at its own name (a mirror or pull-through cache, <c>host:port</c>); the
    /// repository names, and so the catalog, keep <see cref="Host"/>.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Plain http instead of https; only for local registries.</summary>
    public bool Insecure { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// <c>Scanner:Registries:N:PullReserve</c>: when the host's <c>ratelimit-remaining</c> falls to this many pulls, scans
    /// stop sending pull-counted requests (manifest GETs) to it until the allowance window has passed, leaving the rest
    /// to people and other tools sharing the allowance. Tag lists and HEADs go on.
    /// </summary>
    public int PullReserve { get; set; } = DefaultPullReserve;

    internal bool HasCredentials => !string.IsNullOrEmpty(Username);
}
