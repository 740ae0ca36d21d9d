namespace Scanner.Infra.Tests.Bicep;

/// <summary>Every infra test class shares one <see cref="InfraFixture"/>: bicep runs once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>
{
    public const string Name = "Infra";
}
