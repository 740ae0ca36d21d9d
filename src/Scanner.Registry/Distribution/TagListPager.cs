using System.Text.Json;
using System.Text.RegularExpressions;
using Scanner.Core.Repositories;
using Scanner.Registry.Http;

namespace Scanner.Registry.Distribution;

/// <summary>
/// Lists every tag of a repository, <see cref="BodyLimits.TagsPageSize"/> per page, following <c>Link: rel="next"</c>
/// on the registry's own origin only, refusing loops and stopping at the tag and page caps.
/// </summary>
public sealed partial class TagListPager(RegistryTransport transport)
{
    public async Task<IReadOnlyList<string>> ListAsync(RepositoryName repository, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var origin = transport.BaseUriFor(repository);
        var next = new Uri($"/v2/{repository.Path}/tags/list?n={BodyLimits.TagsPageSize}", UriKind.Relative);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var tags = new List<string>();
        var pages = 0;
        while (next is not null)
        {
            var absolute = next.IsAbsoluteUri ? next : new Uri(origin, next);
            if (!visited.Add(absolute.AbsoluteUri))
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"tag list of {repository}: Link loops back to {absolute.PathAndQuery}");
            }

            if (++pages > BodyLimits.TagPages)
            {
                throw new RegistryException(RegistryErrorKind.LimitExceeded, $"tag list of {repository}: more than {BodyLimits.TagPages} pages");
            }

            var request = new RegistryRequest(RequestKind.TagsPage, HttpMethod.Get, repository, absolute) { MaxBodyBytes = BodyLimits.TagsPage };
            var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw UnexpectedResponse.For(request, response, "repository");
            }

            ReadPage(request, response, tags);
            if (tags.Count > BodyLimits.TagsPerRepository)
            {
                throw new RegistryException(RegistryErrorKind.LimitExceeded, $"tag list of {repository}: more than {BodyLimits.TagsPerRepository} tags");
            }

            next = NextPage(request, response, origin);
        }

        return tags;
    }

    private static void ReadPage(RegistryRequest request, RegistryResponse response, List<string> tags)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: tag list is not a JSON object");
            }

            // A repository without tags may answer "tags": null.
            if (!document.RootElement.TryGetProperty("tags", out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: \"tags\" is not an array");
            }

            foreach (var tag in list.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.String)
                {
                    tags.Add(tag.GetString()!);
                }
            }
        }
        catch (JsonException exception)
        {
            throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: tag list is not valid JSON", exception);
        }
    }

    private static Uri? NextPage(RegistryRequest request, RegistryResponse response, Uri origin)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        foreach (var header in links)
        {
            foreach (Match match in LinkPattern().Matches(header))
            {
                if (!string.Equals(match.Groups["rel"].Value, "next", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!Uri.TryCreate(response.RequestUri, match.Groups["url"].Value, out var next))
                {
                    throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: Link '{match.Groups["url"].Value}' is not a URL");
                }

                if (!string.Equals(next.GetLeftPart(UriPartial.Authority), origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    throw new RegistryException(RegistryErrorKind.Protocol, $"{request}: Link points to another origin ({next.GetLeftPart(UriPartial.Authority)}); refused");
                }

                return next;
            }
        }

        return null;
    }

    [GeneratedRegex("<(?<url>[^>]*)>\\s*;\\s*rel=\"?(?<rel>[^\",;]+)\"?", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
