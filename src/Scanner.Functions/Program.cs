using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;
using Scanner.Functions.Hosting;
using Scanner.Functions.Middleware;

namespace Scanner.Functions;

/// <summary>The isolated worker the Functions host starts (in Azure); <c>scanner serve</c> hosts the same functions locally.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<UnhandledExceptionMiddleware>();
        builder.Services.AddScannerFunctions(builder.Configuration);

        // Function invocations are the parent spans of everything a function does.
        builder.Services.AddScannerTelemetryExport(builder.Configuration)?.UseFunctionsWorkerDefaults();
        builder.Build().Run();
    }
}
