using System.ComponentModel;
using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Catalog;
using Scanner.Application.Catalog.Models;
using Scanner.Application.Changes;
using Scanner.Application.Outcomes;
using Scanner.Application.Updates;
using Scanner.Application.Updates.Models;
using Scanner.Functions.Http;
using Scanner.Functions.OpenApi;

namespace Scanner.Functions.Functions;

/// <summary>
/// The desktop-client API (DESIGN.md section 6): catalog, one extension, update check, change feed. All anonymous and
/// cacheable; the first three answer from this instance's snapshot, the feed reads its table.
/// </summary>
public sealed class ClientApiFunctions(CatalogView catalog, CheckUpdates updates, ReadChanges changes)
{
    [Function(nameof(ListExtensions))]
    [Description("Every allow-listed extension with its latest valid version and API range.")]
    public Results<Ok<ExtensionList>, StatusCodeHttpResult> ListExtensions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/extensions")] HttpRequest request)
    {
        var (list, sequence) = catalog.List();
        return HttpCaching.IsNotModified(request.HttpContext, $"c{sequence}", HttpCaching.PollingCacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(list);
    }

    [Function(nameof(GetExtension))]
    [Description("One extension with all its versions and its scan status.")]
    public Results<Ok<ExtensionDetail>, StatusCodeHttpResult, ProblemHttpResult> GetExtension(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/extensions/{*repository:minlength(1)}")] HttpRequest request,
        string repository)
    {
        var outcome = catalog.Get(repository);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return OutcomeResults.Problem(outcome);
        }

        var (detail, version) = outcome.Value;
        return HttpCaching.IsNotModified(request.HttpContext, $"e{version}", HttpCaching.PollingCacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(detail);
    }

    [Function(nameof(CheckUpdates))]
    [Description("What the installed extensions can be upgraded to, for the client's Extension API version.")]
    [QueryParameter("apiVersion", "The client's Extension API version, such as 0.3.4 (GET).")]
    [QueryParameter("installed", "repository@version of an installed extension (GET; repeat it).", Repeated = true)]
    [QueryParameter("includePrerelease", "true to be offered prereleases (GET).")]
    [RequestBody(typeof(UpdateCheckRequest), Required = true)]
    public async Task<Results<Utf8JsonOk<UpdateCheckResponse, UpdateCheckResponseWriter>, StatusCodeHttpResult, ProblemHttpResult>> CheckUpdates(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "v1/updates")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsPost(request.Method))
        {
            var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.UpdateCheckRequest, required: true, cancellationToken);
            if (error is not null)
            {
                return error;
            }

            var answer = updates.Check(body!.ApiVersion, body.Installed ?? [], body.IncludePrerelease ?? false);
            return answer.Kind == OutcomeKind.Ok ? UpdatesBody(answer.Value.Response) : OutcomeResults.Problem(answer);
        }

        var query = UpdateCheckQuery.Parse(request.QueryString, updates);
        var prerelease = false;
        if (query.IncludePrerelease is { } flag && !bool.TryParse(flag, out prerelease))
        {
            return Problems.BadRequest("includePrerelease must be true or false.");
        }

        if (query.Error is not null)
        {
            return Problems.BadRequest(query.Error);
        }

        var outcome = updates.Check(query.ApiVersion, query.Installed, prerelease);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return OutcomeResults.Problem(outcome);
        }

        var (response, sequence) = outcome.Value;
        return HttpCaching.IsNotModified(request.HttpContext, $"u{sequence}-{HttpCaching.Fingerprint(request.QueryString.Value)}", HttpCaching.PollingCacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : UpdatesBody(response);
    }

    // The answer grows with the question (up to 500 installed extensions): written in one piece, sent with its length.
    private static Utf8JsonOk<UpdateCheckResponse, UpdateCheckResponseWriter> UpdatesBody(UpdateCheckResponse response) => new(response);

    [Function(nameof(GetChanges))]
    [Description("The change feed after a cursor: CloudEvents in order, gapless.")]
    [QueryParameter("after", "The cursor of the previous page; absent = from the start.")]
    [QueryParameter("limit", "Events per page, 1 to 500 (default 100).")]
    public async Task<Results<Ok<ChangesPage>, StatusCodeHttpResult, ProblemHttpResult>> GetChanges(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/changes")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var after = request.Query["after"].FirstOrDefault();
        var outcome = await changes.ReadAsync(after, request.Query["limit"].FirstOrDefault(), cancellationToken);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return OutcomeResults.Problem(outcome);
        }

        var page = outcome.Value!;
        return HttpCaching.IsNotModified(request.HttpContext, $"f{after}-{page.Cursor}-{page.Events.Count}", HttpCaching.FeedCacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(page);
    }
}
