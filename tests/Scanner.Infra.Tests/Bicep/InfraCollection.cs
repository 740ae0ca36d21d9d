using Scanner.Infra.Tests.Package;

namespace Scanner.Infra.Tests.Bicep;

/// <summary>
/// Every infra test class shares one <see cref="InfraFixture"/> and one <see cref="PackageFixture"/>: bicep and the
/// package build each run once per test run, and tests can hold the template against the package.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraFixture>, ICollectionFixture<PackageFixture>
{
    public const string Name = "Infra";
}
