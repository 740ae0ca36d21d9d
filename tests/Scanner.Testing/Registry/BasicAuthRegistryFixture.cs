namespace Scanner.Testing.Registry;

/// <summary>A registry behind htpasswd Basic auth (<see cref="RegistryServer.Username"/>, <see cref="RegistryServer.Password"/>).</summary>
public sealed class BasicAuthRegistryFixture() : RegistryFixture(RegistryAuthMode.Basic);
