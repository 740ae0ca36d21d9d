namespace Scanner.Messaging.Tests.Support;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteTableFixture>
{
    public const string Name = "Azurite";
}
