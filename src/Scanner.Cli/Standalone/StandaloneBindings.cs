using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>The parameters this host can bind; a function asking for another is refused at start, not at its first call.</summary>
public static class StandaloneBindings
{
    public static void Check(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        foreach (var parameter in function.Method.GetParameters())
        {
            var bindable = parameter.ParameterType == typeof(CancellationToken)
                || (parameter.ParameterType == typeof(HttpRequest) && function.Http is not null)
                || (parameter.ParameterType == typeof(TimerInfo) && function.Timer is not null)
                || (parameter.ParameterType == typeof(string) && (function.Queue is not null || IsRouteParameter(function, parameter.Name)));
            if (!bindable)
            {
                throw new InvalidOperationException(
                    $"Function {function.Name}: parameter {parameter.Name} ({parameter.ParameterType.Name}) cannot be bound by the standalone host.");
            }
        }
    }

    private static bool IsRouteParameter(FunctionDescriptor function, string? name) =>
        function.Route is { } route && name is not null &&
        RoutePatternFactory.Parse(route).Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
