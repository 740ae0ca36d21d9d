using Scanner.Testing.Azurite;

namespace Scanner.Storage.Tests.Support;

/// <summary>One Azurite for every storage test; each test gets its own tables through a unique prefix.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
