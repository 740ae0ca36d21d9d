using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

/// <summary>Fault tests put a proxy in front of their own registry, apart from the request-count tests.</summary>
[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry faults";
}
