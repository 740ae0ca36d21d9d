using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;
using Scanner.Functions.Hosting;

namespace Scanner.Functions.Api;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.Health, "GET", Health);
        return api;
    }

    /// <summary>Liveness from memory: answers without touching storage, so it measures the server itself.</summary>
    public static Ok<HealthResponse> Health(HttpContext context, ICatalogSnapshotSource snapshots, HostModeInfo mode)
    {
        context.Response.Headers.CacheControl = "no-store";
        var view = snapshots.Current;
        return TypedResults.Ok(new HealthResponse("healthy", mode.Name, view.Sequence, view.LoadedAt));
    }
}
