using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

[CollectionDefinition(Name)]
public sealed class BasicAuthCollection : ICollectionFixture<BasicAuthRegistryFixture>
{
    public const string Name = "registry with Basic auth";
}
