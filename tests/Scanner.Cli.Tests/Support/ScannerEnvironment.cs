using Scanner.Testing.Azurite;
using Scanner.Testing.Registry;

namespace Scanner.Cli.Tests.Support;

/// <summary>One real Azurite and one real registry for every end-to-end test of this project.</summary>
public sealed class ScannerEnvironment : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public RegistryFixture Registry { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(((IAsyncLifetime)Azurite).InitializeAsync(), Registry.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await ((IAsyncLifetime)Azurite).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScannerCollection : ICollectionFixture<ScannerEnvironment>
{
    public const string Name = "scanner end to end";
}
