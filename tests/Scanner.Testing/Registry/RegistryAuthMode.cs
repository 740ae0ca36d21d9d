namespace Scanner.Testing.Registry;

/// <summary>How the test registry asks clients to authenticate.</summary>
public enum RegistryAuthMode
{
    /// <summary>Anonymous pull and push.</summary>
    None,

    /// <summary>htpasswd (bcrypt) Basic auth.</summary>
    Basic,

    /// <summary>Bearer tokens from <see cref="TokenIssuer"/>, whose certificate the registry trusts.</summary>
    Token,
}
