using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Telemetry;
using Scanner.Application.Validation;
using Scanner.Core.Scanning;
using Scanner.Registry.Extensions;
using Scanner.Registry.Http;
using Scanner.Registry.Scanning;
using Scanner.Registry.Tests.Support;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Extensions;

[Collection(RegistryCollection.Name)]
public sealed class RegistryServiceCollectionExtensionsTests(RegistryFixture registry)
{
    [Fact]
    public void Configuration_binds_registries_platform_and_http_settings()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Scanner:Registries:0:Host"] = "ghcr.io",
            ["Scanner:Registries:0:Username"] = "bot",
            ["Scanner:Registries:0:Password"] = "pat",
            ["Scanner:Registries:1:Host"] = "127.0.0.1:5000",
            ["Scanner:Registries:1:Insecure"] = "true",
            ["Scanner:PreferredPlatform"] = "linux/arm64",
            ["Scanner:RegistryHttp:MaxAttempts"] = "2",
            ["Scanner:ScanTimeout"] = "00:00:45",
            ["Scanner:Registries:0:PullReserve"] = "25",
        });

        var options = services.GetRequiredService<IOptions<RegistryOptions>>().Value;

        Assert.Equal(["ghcr.io", "127.0.0.1:5000"], options.Registries.Select(r => r.Host));
        Assert.Equal("bot", options.Registries[0].Username);
        Assert.True(options.Registries[1].Insecure);
        Assert.Equal("linux/arm64", options.PreferredPlatform);
        Assert.Equal(2, options.Http.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ScanTimeout);
        Assert.Equal(25, options.Registries[0].PullReserve);
        Assert.Equal(RegistryHostOptions.DefaultPullReserve, options.Registries[1].PullReserve);
    }

    [Fact]
    public void Scan_timeout_defaults_to_a_minute_and_must_be_positive()
    {
        using (var defaults = Build([]))
        {
            Assert.Equal(TimeSpan.FromMinutes(1), defaults.GetRequiredService<IOptions<RegistryOptions>>().Value.ScanTimeout);
        }

        using var services = Build(new Dictionary<string, string?> { ["Scanner:ScanTimeout"] = "00:00:00" });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistryOptions>>().Value);
        Assert.Contains("ScanTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_scanner_telemetry_is_registered_for_the_app()
    {
        using var services = Build([]);

        var telemetry = services.GetRequiredService<ScannerTelemetry>();

        Assert.Same(telemetry, services.GetRequiredService<ScannerTelemetry>());
        Assert.Equal(ScannerTelemetry.Name, telemetry.Meter.Name);
        Assert.Equal(ScannerTelemetry.Name, telemetry.ActivitySource.Name);
        Assert.NotNull(services.GetRequiredService<RegistryTransport>());
    }

    [Fact]
    public void Preferred_platform_that_is_not_os_slash_arch_is_refused()
    {
        using var services = Build(new Dictionary<string, string?> { ["Scanner:PreferredPlatform"] = "amd64" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RegistryOptions>>().Value);

        Assert.Contains("PreferredPlatform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_scanner_scans_an_insecure_local_registry_and_counts_its_requests()
    {
        var repository = registry.Seeder.NewRepository("di");
        await registry.Seeder.PushAsync(repository, "1.0.0", new SeedImage(ExtensionLabelSets.Valid("DI")));
        using var services = Build(new Dictionary<string, string?>
        {
            ["Scanner:Registries:0:Host"] = registry.Server.Host,
            ["Scanner:Registries:0:Insecure"] = "true",
        });

        var outcome = await services.GetRequiredService<IRepositoryScanner>().ScanAsync(StoredRepository.Empty(repository));
        var description = await services.GetRequiredService<IImageInspector>().InspectAsync(repository, "1.0.0");

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal("DI", description.Labels.Title);
        Assert.Equal(2, services.GetRequiredService<RequestAccounting>().Snapshot().BlobGet);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddScannerRegistry(configuration).BuildServiceProvider();
    }
}
