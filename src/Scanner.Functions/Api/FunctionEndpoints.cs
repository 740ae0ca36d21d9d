using Scanner.Functions.Functions;

namespace Scanner.Functions.Api;

/// <summary>Maps HTTP handlers onto the routes and methods their function declares, and nothing else.</summary>
public static class FunctionEndpoints
{
    public static RouteHandlerBuilder MapFunction(this IEndpointRouteBuilder api, FunctionDeclaration function, string method, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(function);
        var http = function.Http;
        if (!http.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{function.Name} does not declare {method}.");
        }

        var name = http.Methods.Count == 1 ? function.Name : function.Name + "_" + method.ToUpperInvariant();
        return api.MapMethods(http.Route, [method], handler)
            .WithName(name)
            .WithSummary(function.Summary)
            .WithMetadata(function);
    }
}
