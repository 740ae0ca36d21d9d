using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

[CollectionDefinition(Name)]
public sealed class TokenAuthCollection : ICollectionFixture<TokenAuthRegistryFixture>
{
    public const string Name = "registry with token auth";
}
