namespace Scanner.Testing.Registry;

/// <summary>A registry behind token auth, its <see cref="TokenIssuer"/> accepting <see cref="RegistryServer.Username"/>.</summary>
public sealed class TokenAuthRegistryFixture() : RegistryFixture(RegistryAuthMode.Token);
