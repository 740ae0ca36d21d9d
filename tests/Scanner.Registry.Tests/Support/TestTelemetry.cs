using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Scanner.Application.Telemetry;

namespace Scanner.Registry.Tests.Support;

/// <summary>A <see cref="ScannerTelemetry"/> of its own, on a meter factory of its own, as a host would register it.</summary>
internal sealed class TestTelemetry : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public TestTelemetry()
    {
        Telemetry = new ScannerTelemetry(_services.GetRequiredService<IMeterFactory>());
    }

    public ScannerTelemetry Telemetry { get; }

    public void Dispose()
    {
        Telemetry.Dispose();
        _services.Dispose();
    }
}
