using System.ComponentModel;
using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Health;
using Scanner.Functions.OpenApi;

namespace Scanner.Functions.Functions;

/// <summary>Liveness with scan health, and the OpenAPI document of every HTTP function.</summary>
public sealed class HealthFunctions(HealthMonitor health, OpenApiDocument openApi)
{
    /// <summary>Always 200 while the process runs (the liveness probe); <c>degraded</c> says what needs attention.</summary>
    [Function(nameof(Health))]
    [Description("Liveness (always 200) with scan health: healthy, or degraded and why.")]
    public Ok<HealthReport> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(health.Current);
    }

    [Function(nameof(OpenApi))]
    [Description("This document.")]
    public ContentHttpResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        TypedResults.Text(openApi.Json, "application/json", System.Text.Encoding.UTF8);
}
