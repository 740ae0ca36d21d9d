using System.ComponentModel;
using Microsoft.Azure.Functions.Worker;
using Scanner.Application.AllowList;
using Scanner.Application.Outcomes;
using Scanner.Application.Scanning;
using Scanner.Application.Subscribers;
using Scanner.Functions.Http;
using Scanner.Functions.Http.Models;
using Scanner.Functions.OpenApi;

namespace Scanner.Functions.Functions;

/// <summary>The operator API (admin key): allow-list, blocks, subscribers, scans.</summary>
public sealed class AdminApiFunctions(ManageAllowList allowList, ManageBlocks blocks, ManageSubscribers subscribers, TriggerScan scans)
{
    [Function(nameof(ManageAllowList))]
    [Description("List (no repository), read, add (PUT) and remove (DELETE) allow-listed repositories.")]
    [RequestBody(typeof(NoteRequest))]
    public async Task<Results<Ok<AllowListResponse>, Ok<AllowListEntryResponse>, Created<AllowListEntryResponse>, NoContent, ProblemHttpResult>> ManageAllowList(
        [HttpTrigger(AuthorizationLevel.Admin, "get", "put", "delete", Route = "v1/admin/allowlist/{*repository}")] HttpRequest request,
        string? repository,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method))
        {
            if (string.IsNullOrEmpty(repository))
            {
                var entries = await allowList.ListAsync(cancellationToken);
                return TypedResults.Ok(new AllowListResponse([.. entries.Select(e => AllowListEntryResponse.From(e))]));
            }

            var found = await allowList.GetAsync(repository, cancellationToken);
            return found.Kind == OutcomeKind.Ok
                ? TypedResults.Ok(AllowListEntryResponse.From(found.Value!))
                : OutcomeResults.Problem(found);
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            var removed = await allowList.RemoveAsync(repository, cancellationToken);
            return removed.Kind == OutcomeKind.Ok ? TypedResults.NoContent() : OutcomeResults.Problem(removed);
        }

        var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.NoteRequest, required: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var added = await allowList.AddAsync(repository, body?.Note, ScanTriggers.Admin, cancellationToken);
        return added.Kind switch
        {
            OutcomeKind.Created => TypedResults.Created(
                $"/api/v1/admin/allowlist/{added.Value!.Entry.Repository.Value}", AllowListEntryResponse.From(added.Value.Entry, added.Value.Scan)),
            OutcomeKind.Ok => TypedResults.Ok(AllowListEntryResponse.From(added.Value!.Entry, added.Value.Scan)),
            _ => OutcomeResults.Problem(added),
        };
    }

    [Function(nameof(ManageBlocks))]
    [Description("Block (PUT) or unblock (DELETE) one version: repository@version.")]
    [RequestBody(typeof(NoteRequest))]
    public async Task<Results<Ok<BlockedVersion>, NoContent, ProblemHttpResult>> ManageBlocks(
        [HttpTrigger(AuthorizationLevel.Admin, "put", "delete", Route = "v1/admin/blocks/{*target:minlength(1)}")] HttpRequest request,
        string target,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsDelete(request.Method))
        {
            var unblocked = await blocks.UnblockAsync(target, cancellationToken);
            return unblocked.Kind == OutcomeKind.Ok ? TypedResults.NoContent() : OutcomeResults.Problem(unblocked);
        }

        var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.NoteRequest, required: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var blocked = await blocks.BlockAsync(target, body?.Note, cancellationToken);
        return blocked.Kind == OutcomeKind.Ok ? TypedResults.Ok(blocked.Value!) : OutcomeResults.Problem(blocked);
    }

    [Function(nameof(ManageSubscribers))]
    [Description("List, read, register (PUT on the id) and remove signed webhook subscribers.")]
    [RequestBody(typeof(SubscriberRequest), Required = true)]
    public async Task<Results<Ok<SubscriberListResponse>, Ok<SubscriberInfo>, Created<SubscriberInfo>, NoContent, ProblemHttpResult>> ManageSubscribers(
        [HttpTrigger(AuthorizationLevel.Admin, "get", "put", "delete", Route = "v1/admin/subscribers/{id?}")] HttpRequest request,
        string? id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HttpMethods.IsGet(request.Method))
        {
            if (string.IsNullOrEmpty(id))
            {
                return TypedResults.Ok(new SubscriberListResponse(await subscribers.ListAsync(cancellationToken)));
            }

            var found = await subscribers.GetAsync(id, cancellationToken);
            return found.Kind == OutcomeKind.Ok ? TypedResults.Ok(found.Value!) : OutcomeResults.Problem(found);
        }

        if (HttpMethods.IsDelete(request.Method))
        {
            var deleted = await subscribers.DeleteAsync(id, cancellationToken);
            return deleted.Kind == OutcomeKind.Ok ? TypedResults.NoContent() : OutcomeResults.Problem(deleted);
        }

        var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.SubscriberRequest, required: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var put = await subscribers.PutAsync(id, body!.Url, body.Secret, body.EventTypes, cancellationToken);
        return put.Kind switch
        {
            OutcomeKind.Created => TypedResults.Created($"/api/v1/admin/subscribers/{Uri.EscapeDataString(id!)}", put.Value!),
            OutcomeKind.Ok => TypedResults.Ok(put.Value!),
            _ => OutcomeResults.Problem(put),
        };
    }

    [Function(nameof(TriggerScan))]
    [Description("Request a scan of one repository, or of all.")]
    [RequestBody(typeof(ScanTriggerRequest))]
    public async Task<Results<Accepted<ScanTriggerResponse>, ProblemHttpResult>> TriggerScan(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "v1/admin/scans")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.ScanTriggerRequest, required: false, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var outcome = await scans.RunAsync(body?.Repository, cancellationToken);
        return outcome.Kind == OutcomeKind.Ok
            ? TypedResults.Accepted((string?)null, new ScanTriggerResponse(outcome.Value!))
            : OutcomeResults.Problem(outcome);
    }
}
