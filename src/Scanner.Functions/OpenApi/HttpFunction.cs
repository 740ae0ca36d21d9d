using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Scanner.Functions.OpenApi;

/// <summary>
/// An HTTP function as its attributes declare it: the one description both the OpenAPI document and the standalone
/// host read, so neither keeps a list of functions of its own.
/// </summary>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel)
{
    /// <summary>Every HTTP function of <paramref name="assembly"/>, in declaration order.</summary>
    public static IReadOnlyList<HttpFunction> In(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<HttpFunction>();
        foreach (var type in assembly.GetTypes().Where(t => t.IsClass && t.IsPublic).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
                if (trigger is not null)
                {
                    var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
                    found.Add(new HttpFunction(function.Name, method, trigger.Route ?? function.Name, methods, trigger.AuthLevel));
                }
            }
        }

        return found;
    }
}
