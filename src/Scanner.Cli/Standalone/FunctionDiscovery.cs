using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Finds every <c>[Function]</c> method of an assembly and its trigger from the same attributes the Worker SDK reads
/// to write <c>functions.metadata</c>, so a function added there exists here without being declared twice.
/// </summary>
public static class FunctionDiscovery
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetExportedTypes().Where(t => t.IsClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var parameters = method.GetParameters();
                var http = parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null);
                var timer = parameters.Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).SingleOrDefault(a => a is not null);
                var queue = parameters.Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()).SingleOrDefault(a => a is not null);
                if ((http is null ? 0 : 1) + (timer is null ? 0 : 1) + (queue is null ? 0 : 1) != 1)
                {
                    throw new InvalidOperationException($"Function {function.Name} must have exactly one HTTP, timer or queue trigger for the standalone host.");
                }

                var descriptor = new FunctionDescriptor(function.Name, method, http, timer, queue);
                CheckParameters(descriptor);
                functions.Add(descriptor);
            }
        }

        if (functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"Two functions are named {duplicate.Key}.");
        }

        return functions;
    }

    /// <summary>Refuses, at start, a parameter this host could not bind, rather than failing at the first call.</summary>
    private static void CheckParameters(FunctionDescriptor function)
    {
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
        Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse(route).Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
