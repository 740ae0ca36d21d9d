using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Updates;
using Scanner.Core.Versions;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;

namespace Scanner.Functions.Api;

/// <summary>
/// The desktop-client API: catalog, one extension, update check, change feed. The first three answer from the
/// in-memory catalog snapshot (no storage call per request); the feed reads its table.
/// </summary>
public static class ClientApi
{
    public const int MaxInstalled = 500;
    public const int MaxFeedPage = 500;

    public static IEndpointRouteBuilder MapClientApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.ListExtensions, "GET", ListExtensions);
        api.MapFunction(FunctionCatalog.GetExtension, "GET", GetExtension);
        api.MapFunction(FunctionCatalog.CheckUpdates, "GET", CheckUpdatesByQuery);
        api.MapFunction(FunctionCatalog.CheckUpdates, "POST", CheckUpdatesByBody);
        api.MapFunction(FunctionCatalog.GetChanges, "GET", GetChanges);
        return api;
    }

    public static Results<Ok<ExtensionList>, StatusCodeHttpResult> ListExtensions(HttpContext context, ICatalogSnapshotSource snapshots)
    {
        var view = snapshots.Current;
        if (HttpCaching.IsNotModified(context, $"c{view.Sequence}", HttpCaching.PollingCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var list = view.Catalog.Extensions.Select(e =>
        {
            var latest = e.LatestOffered?.Record;
            var labels = (latest ?? (e.Versions.Count > 0 ? e.Versions[0].Record : null))?.Labels;
            return new ExtensionSummary(
                e.Repository.Value,
                Label(labels, Core.Labels.LabelNames.Title),
                Label(labels, Core.Labels.LabelNames.Vendor),
                Label(labels, Core.Labels.LabelNames.Description),
                Label(labels, Core.Labels.LabelNames.Icon),
                latest?.Version,
                latest?.ApiVersionRange);
        }).ToArray();
        return TypedResults.Ok(new ExtensionList(list));
    }

    public static Results<Ok<ExtensionDetail>, StatusCodeHttpResult, ProblemHttpResult> GetExtension(
        HttpContext context, string? repository, ICatalogSnapshotSource snapshots)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Problems.BadRequest(error);
        }

        var view = snapshots.Current;
        var extension = view.Catalog.Find(name);
        if (extension is null)
        {
            return Problems.NotFound($"{name} is not an allow-listed extension.");
        }

        if (HttpCaching.IsNotModified(context, $"c{view.Sequence}", HttpCaching.PollingCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var latest = extension.LatestOffered?.Record;
        var labels = (latest ?? (extension.Versions.Count > 0 ? extension.Versions[0].Record : null))?.Labels;
        return TypedResults.Ok(new ExtensionDetail(
            name.Value,
            extension.Entry.Note,
            extension.Entry.AddedAt,
            Label(labels, Core.Labels.LabelNames.Title),
            Label(labels, Core.Labels.LabelNames.Vendor),
            Label(labels, Core.Labels.LabelNames.Description),
            Label(labels, Core.Labels.LabelNames.Icon),
            latest?.Version,
            extension.Versions.Select(v => new VersionDetail(
                v.Record.Version,
                v.Record.Digest,
                v.Record.Platforms,
                v.Record.ApiVersionRange,
                v.Record.IsValid,
                v.Record.Problems,
                v.IsBlocked,
                v.Record.FirstSeen,
                v.Record.Labels)).ToArray()));
    }

    public static Results<Ok<UpdateCheckResponse>, StatusCodeHttpResult, ProblemHttpResult> CheckUpdatesByQuery(
        HttpContext context,
        [FromQuery] string? apiVersion,
        [FromQuery] string[]? installed,
        [FromQuery] string? includePrerelease,
        ICatalogSnapshotSource snapshots)
    {
        var prerelease = false;
        if (includePrerelease is not null && !bool.TryParse(includePrerelease, out prerelease))
        {
            return Problems.BadRequest("includePrerelease must be true or false.");
        }

        var inputs = new List<InstalledExtensionInput>();
        foreach (var item in installed ?? [])
        {
            var at = item.LastIndexOf('@');
            if (at <= 0)
            {
                return Problems.BadRequest($"installed '{Shorten(item)}' must be repository@version.");
            }

            inputs.Add(new InstalledExtensionInput(item[..at], item[(at + 1)..]));
        }

        var view = snapshots.Current;
        var answer = Advise(view, apiVersion, inputs, prerelease);
        if (answer.Error is not null)
        {
            return answer.Error;
        }

        var key = new StringBuilder().Append(apiVersion).Append('|').Append(prerelease);
        foreach (var input in inputs)
        {
            key.Append('|').Append(input.Repository).Append('@').Append(input.Version);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())).AsSpan(0, 8));
        if (HttpCaching.IsNotModified(context, $"u{view.Sequence}-{hash}", HttpCaching.PollingCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(answer.Response!);
    }

    public static async Task<Results<Ok<UpdateCheckResponse>, ProblemHttpResult>> CheckUpdatesByBody(
        HttpRequest request, ICatalogSnapshotSource snapshots, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.UpdateCheckRequest, required: true, cancellationToken);
        if (error is not null)
        {
            return (ProblemHttpResult)error;
        }

        var answer = Advise(snapshots.Current, body!.ApiVersion, body.Installed ?? [], body.IncludePrerelease ?? false);
        return answer.Error is not null ? answer.Error : TypedResults.Ok(answer.Response!);
    }

    public static async Task<Results<Ok<ChangesResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetChanges(
        HttpContext context,
        [FromQuery] string? after,
        [FromQuery] string? limit,
        IChangeFeed feed,
        CancellationToken cancellationToken)
    {
        var pageSize = 100;
        if (limit is not null &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxFeedPage))
        {
            return Problems.BadRequest($"limit must be a whole number from 1 to {MaxFeedPage}.");
        }

        ChangePage page;
        try
        {
            page = await feed.ReadAsync(string.IsNullOrEmpty(after) ? null : after, pageSize, cancellationToken);
        }
        catch (FormatException)
        {
            return Problems.BadRequest("after is not a cursor this feed issued; start without it or use a cursor from a previous page.");
        }

        if (HttpCaching.IsNotModified(context, $"f{after}-{page.Cursor}-{page.Events.Count}", HttpCaching.FeedCacheControl))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(new ChangesResponse(page.Events, page.Cursor));
    }

    private static (UpdateCheckResponse? Response, ProblemHttpResult? Error) Advise(
        CatalogSnapshotView view, string? apiVersionText, IReadOnlyList<InstalledExtensionInput> inputs, bool includePrerelease)
    {
        if (string.IsNullOrWhiteSpace(apiVersionText) || !SemanticVersion.TryParse(apiVersionText.Trim(), out var apiVersion))
        {
            return (null, Problems.BadRequest("apiVersion must be the client's Extension API version, such as 0.3.4."));
        }

        if (inputs.Count > MaxInstalled)
        {
            return (null, Problems.BadRequest($"At most {MaxInstalled} installed extensions per request."));
        }

        var installed = new List<InstalledExtension>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input is null)
            {
                return (null, Problems.BadRequest($"installed[{i}]: an object with repository and version is required."));
            }

            var repository = input.Repository is null ? null : view.Catalog.FindByNormalizedName(input.Repository)?.Repository;
            if (repository is null && !RepositoryName.TryParse(input.Repository, out repository, out var error))
            {
                return (null, Problems.BadRequest($"installed[{i}]: {error}"));
            }

            if (!VersionTag.TryParse(input.Version?.Trim(), out var version))
            {
                return (null, Problems.BadRequest($"installed[{i}]: version '{Shorten(input.Version)}' is not a SemVer version such as 1.2.0."));
            }

            installed.Add(new InstalledExtension(repository, version));
        }

        var advice = UpdateAdvisor.Advise(view.Catalog, apiVersion, installed, includePrerelease);
        var results = advice.Select(a => new UpdateResult(
            a.Repository.Value,
            a.InstalledVersion.ToNormalizedString(),
            a.LatestVersion?.ToNormalizedString(),
            a.LatestCompatibleVersion?.ToNormalizedString(),
            a.UpdateAvailable,
            a.Status)).ToArray();
        return (new UpdateCheckResponse(apiVersion.ToNormalizedString(), includePrerelease, results), null);
    }

    private static string? Label(IReadOnlyDictionary<string, string>? labels, string name) =>
        labels is not null && labels.TryGetValue(name, out var value) ? value : null;

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length <= 80 ? text : text[..80] + "…";
}
