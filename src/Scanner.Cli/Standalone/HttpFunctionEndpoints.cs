using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scanner.Functions.Http;

using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Each HTTP function as a Kestrel endpoint at <c>/api/{route}</c> with its methods and auth level. Endpoints are
/// ordered by function order, and order ranks before route precedence, so as under the Functions host the first
/// function whose route matches wins.
/// </summary>
public static class HttpFunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapHttpFunctions(this IEndpointRouteBuilder endpoints, IReadOnlyList<FunctionDescriptor> functions)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(functions);
        var keys = endpoints.ServiceProvider.GetRequiredService<FunctionKeys>();
        var order = 0;
        foreach (var function in functions.Where(f => f.Http is not null))
        {
            var level = function.Http!.AuthLevel;
            var invoker = FunctionInvoker.For(function);
            endpoints.MapMethods($"/{RoutePrefix}/{function.Route}", function.HttpMethods, async context =>
                {
                    if (!keys.Admits(level, context.Request))
                    {
                        await Problems.Unauthorized().ExecuteAsync(context);
                        return;
                    }

                    IResult? result;
                    try
                    {
                        result = await invoker.InvokeAsync(context.RequestServices, context, null, context.RequestAborted) as IResult;
                    }
                    catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
                    {
                        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(function.Name);
                        result = UnhandledExceptionProblem.For(exception, context, logger);
                    }

                    if (result is not null)
                    {
                        await result.ExecuteAsync(context);
                    }
                })
                .WithName(function.Name)
                .Add(builder => ((RouteEndpointBuilder)builder).Order = order);
            order++;
        }

        return endpoints;
    }
}
