using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Scanner.Functions.Discovery;

/// <summary>
/// Finds every <c>[Function]</c> method of an assembly and its trigger from the same attributes the Worker SDK reads
/// to write <c>functions.metadata</c>, so a function added to Scanner.Functions exists in both hosts and in the
/// OpenAPI document without being declared twice.
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
                    throw new InvalidOperationException($"Function {function.Name} must have exactly one HTTP, timer or queue trigger.");
                }

                functions.Add(new FunctionDescriptor(function.Name, method, http, timer, queue));
            }
        }

        if (functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new InvalidOperationException($"Two functions are named {duplicate.Key}.");
        }

        return functions;
    }
}
