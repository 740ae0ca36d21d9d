using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;
using Scanner.Functions.Discovery;
using Scanner.Functions.Http;

namespace Scanner.Functions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP function, built once from the functions' attributes and the typed results
/// they declare (each <c>TypedResults</c> type describes its own status code and body), in both hosts alike.
/// </summary>
public sealed partial class OpenApiDocument
{
    private readonly Lazy<string> _json = new(() => Build(typeof(OpenApiDocument).Assembly).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    public string Json => _json.Value;

    public static JsonObject Build(Assembly assembly)
    {
        var paths = new JsonObject();
        foreach (var function in FunctionDiscovery.Discover(assembly).Where(f => f.Http is not null))
        {
            foreach (var path in Paths(function.Route!))
            {
                var item = paths[path] as JsonObject ?? new JsonObject();
                paths[path] = item;
                foreach (var method in function.HttpMethods)
                {
                    item[method.ToLowerInvariant()] = Operation(function, method, path);
                }
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Extension Update Scanner",
                ["version"] = "v1",
                ["description"] = "Docker Desktop extension versions, update checks and change feed.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    ["functionKeyQuery"] = new JsonObject { ["type"] = "apiKey", ["in"] = "query", ["name"] = "code" },
                },
            },
        };
    }

    private static JsonObject Operation(FunctionDescriptor function, string method, string path)
    {
        var operation = new JsonObject
        {
            ["operationId"] = function.HttpMethods.Count == 1 ? function.Name : function.Name + char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant(),
            ["summary"] = function.Method.GetCustomAttribute<DescriptionAttribute>()?.Description ?? function.Name,
            ["tags"] = new JsonArray(function.Method.DeclaringType!.Name.Replace("Functions", string.Empty, StringComparison.Ordinal)),
        };
        var parameters = new JsonArray();
        foreach (Match match in PathParameter().Matches(path))
        {
            parameters.Add(new JsonObject { ["name"] = match.Groups[1].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var query in function.Method.GetCustomAttributes<QueryParameterAttribute>())
        {
            JsonNode schema = query.Repeated
                ? new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }
                : new JsonObject { ["type"] = "string" };
            parameters.Add(new JsonObject { ["name"] = query.Name, ["in"] = "query", ["description"] = query.Description, ["schema"] = schema });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (method is "POST" or "PUT" && function.Method.GetCustomAttribute<RequestBodyAttribute>() is { } body)
        {
            operation["requestBody"] = new JsonObject
            {
                ["required"] = body.Required,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Schema(body.Type) } },
            };
        }

        if (function.Http!.AuthLevel != AuthorizationLevel.Anonymous)
        {
            operation["security"] = new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }, new JsonObject { ["functionKeyQuery"] = new JsonArray() });
            operation["description"] = function.Http.AuthLevel == AuthorizationLevel.Admin ? "Needs the admin key." : "Needs a function key.";
        }

        operation["responses"] = Responses(function.Method);
        return operation;
    }

    private static JsonObject Responses(MethodInfo method)
    {
        var responses = new JsonObject();
        foreach (var produces in ResponseMetadata(method).OrderBy(p => p.StatusCode))
        {
            var status = produces.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var response = responses[status] as JsonObject ?? new JsonObject { ["description"] = Describe(produces.StatusCode) };
            responses[status] = response;
            if (produces.Type is { } type && type != typeof(void))
            {
                var content = response["content"] as JsonObject ?? new JsonObject();
                response["content"] = content;
                foreach (var contentType in produces.ContentTypes.DefaultIfEmpty("application/json"))
                {
                    content[contentType] ??= new JsonObject { ["schema"] = Schema(type) };
                }
            }
        }

        // Every function may meet unreachable storage or a fault: the problem answers of UnhandledExceptionProblem.
        foreach (var status in new[] { "500", "503" })
        {
            responses[status] ??= new JsonObject
            {
                ["description"] = Describe(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)),
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = Schema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)) } },
            };
        }

        return responses;
    }

    /// <summary>What each declared result type says of itself (status code, body type), as minimal APIs would read it.</summary>
    private static IEnumerable<IProducesResponseTypeMetadata> ResponseMetadata(MethodInfo method)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            type = type.GetGenericArguments()[0];
        }

        var builder = new RouteEndpointBuilder(null, RoutePatternFactory.Parse("/"), 0);
        var results = type.IsGenericType && type.Name.StartsWith("Results`", StringComparison.Ordinal) ? type.GetGenericArguments() : [type];
        foreach (var result in results.Where(t => typeof(IEndpointMetadataProvider).IsAssignableFrom(t)))
        {
            typeof(OpenApiDocument).GetMethod(nameof(Populate), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(result).Invoke(null, [method, builder]);
        }

        foreach (var result in results.Where(t => t == typeof(StatusCodeHttpResult)))
        {
            // The only bare status code the functions answer is 304 to If-None-Match.
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, null, []));
        }

        foreach (var result in results.Where(t => t == typeof(ProblemHttpResult)))
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        }

        return builder.Metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.StatusCode != StatusCodes.Status500InternalServerError);
    }

    private static void Populate<T>(MethodInfo method, EndpointBuilder builder)
        where T : IEndpointMetadataProvider => T.PopulateMetadata(method, builder);

    private static JsonNode Schema(Type type) =>
        ScannerJsonContext.Default.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    /// <summary>
    /// The OpenAPI paths of a Functions route: constraints dropped, <c>{*x}</c> to <c>{x}</c>, and a path without the
    /// parameter too when it may be empty (optional, or a catch-all without a length constraint).
    /// </summary>
    private static IEnumerable<string> Paths(string route)
    {
        var segments = route.Split('/');
        var last = segments[^1];
        var full = "/api/" + string.Join('/', segments.Select(Clean));
        var mayBeEmpty = last.StartsWith('{') && (last.Contains('?', StringComparison.Ordinal) || (last.StartsWith("{*", StringComparison.Ordinal) && !last.Contains(':', StringComparison.Ordinal)));
        if (mayBeEmpty)
        {
            yield return "/api/" + string.Join('/', segments[..^1]);
        }

        yield return full;

        static string Clean(string segment) => segment.StartsWith('{')
            ? "{" + segment.Trim('{', '}', '*').Split(':')[0].TrimEnd('?') + "}"
            : segment;
    }

    private static string Describe(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No content",
        304 => "Not modified (If-None-Match)",
        400 => "The request is not valid (problem details)",
        404 => "Not found (problem details)",
        500 => "Server fault (problem details, no internals)",
        503 => "Table Storage does not answer (problem details, Retry-After)",
        _ => "Response",
    };

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex PathParameter();
}
