using Xunit;

namespace Scanner.Testing.Registry;

/// <summary>
/// One real registry per test collection (anonymous); derive for the auth variants. Tests create their own
/// repositories with <see cref="RegistrySeeder.NewRepository"/>.
/// </summary>
#pragma warning disable CA1001 // xunit ends a fixture's life with IAsyncLifetime.DisposeAsync, which disposes the seeder.
public class RegistryFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly RegistryAuthMode _auth;
    private RegistryServer? _server;
    private RegistrySeeder? _seeder;

    public RegistryFixture()
        : this(RegistryAuthMode.None)
    {
    }

    protected RegistryFixture(RegistryAuthMode auth)
    {
        _auth = auth;
    }

    public RegistryServer Server => _server ?? throw new InvalidOperationException("The registry fixture has not started.");

    public RegistrySeeder Seeder => _seeder ?? throw new InvalidOperationException("The registry fixture has not started.");

    public async Task InitializeAsync()
    {
        _server = await RegistryServer.StartAsync(_auth).ConfigureAwait(false);
        _seeder = new RegistrySeeder(_server);
    }

    public async Task DisposeAsync()
    {
        _seeder?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
