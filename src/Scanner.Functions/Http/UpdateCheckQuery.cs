using Microsoft.AspNetCore.WebUtilities;

namespace Scanner.Functions.Http;

/// <summary>
/// The query of <c>GET /api/v1/updates</c>, read in one pass with the decoding <c>request.Query</c> uses (the same
/// enumerator: <c>+</c> and %-escapes decoded, names compared case-insensitively, the first value of a single-valued
/// name wins) but without building the query dictionary, whose cost grew with every installed extension.
/// </summary>
public sealed record UpdateCheckQuery(string? ApiVersion, string? IncludePrerelease, IReadOnlyList<string> Installed)
{
    public static UpdateCheckQuery Parse(QueryString query)
    {
        string? apiVersion = null;
        string? includePrerelease = null;
        var installed = new List<string>();
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            var name = pair.DecodeName().Span;
            if (name.Equals("installed", StringComparison.OrdinalIgnoreCase))
            {
                installed.Add(pair.DecodeValue().ToString());
            }
            else if (apiVersion is null && name.Equals("apiVersion", StringComparison.OrdinalIgnoreCase))
            {
                apiVersion = pair.DecodeValue().ToString();
            }
            else if (includePrerelease is null && name.Equals("includePrerelease", StringComparison.OrdinalIgnoreCase))
            {
                includePrerelease = pair.DecodeValue().ToString();
            }
        }

        return new UpdateCheckQuery(apiVersion, includePrerelease, installed);
    }
}
