using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.AspNetCore.Routing.Template;

namespace Scanner.Testing.Functions;

/// <summary>Matches paths against Functions routes with ASP.NET Core's template matcher and inline constraints, as the host does.</summary>
public static class RouteSamples
{
    public static bool Matches(string route, string path)
    {
        var template = TemplateParser.Parse(route);
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(template, new RouteValueDictionary()).TryMatch("/" + path, values))
        {
            return false;
        }

        foreach (var parameter in template.Parameters)
        {
            foreach (var constraint in parameter.InlineConstraints)
            {
                var check = constraint.Constraint.Split('(', ')');
                var ok = check[0] switch
                {
                    "minlength" => new MinLengthRouteConstraint(int.Parse(check[1], System.Globalization.CultureInfo.InvariantCulture))
                        .Match(null, null, parameter.Name!, values, RouteDirection.IncomingRequest),
                    _ => throw new NotSupportedException($"constraint {constraint.Constraint} is not checked by this test"),
                };
                if (!ok)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Paths the route matches: each parameter empty (where it may be) and filled with one or several segments.</summary>
    public static IEnumerable<string> PathsMatching(string route)
    {
        var template = TemplateParser.Parse(route);
        foreach (var fill in new[] { string.Empty, "x", "docker.io/acme/ext@1.0.0" })
        {
            var segments = template.Segments.Select(s => s.Parts[0] is { IsParameter: true } p ? (p.IsCatchAll || fill.Length == 0 || !fill.Contains('/', StringComparison.Ordinal) ? fill : "x") : s.Parts[0].Text!);
            var path = string.Join('/', segments).TrimEnd('/');
            if (Matches(route, path))
            {
                yield return path;
            }
        }
    }
}
