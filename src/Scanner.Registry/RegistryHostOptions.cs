namespace Scanner.Registry;

/// <summary>One entry of <c>Scanner:Registries</c>: how to reach a registry host.</summary>
public sealed class RegistryHostOptions
{
    /// <summary>Registry name as in repository names (<c>docker.io</c>, <c>ghcr.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Plain http instead of https; only for local registries.</summary>
    public bool Insecure { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    internal bool HasCredentials => !string.IsNullOrEmpty(Username);
}
