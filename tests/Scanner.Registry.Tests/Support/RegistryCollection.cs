using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

/// <summary>Tests against the anonymous registry share one registry process.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry";
}
