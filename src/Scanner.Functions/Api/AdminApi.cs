using Scanner.Core.Catalog;
using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Core.Versions;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;
using Scanner.Functions.Scanning;

namespace Scanner.Functions.Api;

/// <summary>
/// The operator API: allow-list, blocks, scans. Every change announces itself through the outbox like a scan, and is
/// relayed at once so the change feed and this instance's catalog show it before the answer is sent.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.ManageAllowList, "GET", GetAllowList);
        api.MapFunction(FunctionCatalog.ManageAllowList, "PUT", PutAllowList);
        api.MapFunction(FunctionCatalog.ManageAllowList, "DELETE", DeleteAllowList);
        api.MapFunction(FunctionCatalog.ManageBlocks, "PUT", PutBlock);
        api.MapFunction(FunctionCatalog.ManageBlocks, "DELETE", DeleteBlock);
        api.MapFunction(FunctionCatalog.TriggerScan, "POST", PostScan);
        return api;
    }

    public static async Task<Results<Ok<AllowListResponse>, Ok<AllowListEntryResponse>, ProblemHttpResult>> GetAllowList(
        string? repository, IAllowListStore allowList, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(repository))
        {
            var entries = await allowList.ListAsync(cancellationToken);
            return TypedResults.Ok(new AllowListResponse(entries.Select(ToResponse).ToArray()));
        }

        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Problems.BadRequest(error);
        }

        var entry = await allowList.GetAsync(name, cancellationToken);
        return entry is null ? Problems.NotFound($"{name} is not on the allow-list.") : TypedResults.Ok(ToResponse(entry));
    }

    public static async Task<Results<Created<AllowListEntryResponse>, Ok<AllowListEntryResponse>, ProblemHttpResult>> PutAllowList(
        string? repository,
        HttpRequest request,
        IAllowListStore allowList,
        AdminChangeRelay relay,
        ScanRequestDispatcher dispatcher,
        CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Problems.BadRequest(error);
        }

        var (body, bodyError) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.NoteRequest, required: false, cancellationToken);
        if (bodyError is not null)
        {
            return (ProblemHttpResult)bodyError;
        }

        var added = await allowList.AddAsync(name, body?.Note, cancellationToken);
        await relay.RelayAsync(name, cancellationToken);
        if (added)
        {
            await dispatcher.RequestAsync(name, cancellationToken);
        }

        var entry = await allowList.GetAsync(name, cancellationToken);
        if (entry is null)
        {
            return Problems.NotFound($"{name} was removed while it was being added.");
        }

        return added
            ? TypedResults.Created($"/api/v1/admin/allowlist/{name.Value}", ToResponse(entry))
            : TypedResults.Ok(ToResponse(entry));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAllowList(
        string? repository, IAllowListStore allowList, AdminChangeRelay relay, CancellationToken cancellationToken)
    {
        if (!RepositoryName.TryParse(repository, out var name, out var error))
        {
            return Problems.BadRequest(error);
        }

        if (!await allowList.RemoveAsync(name, cancellationToken))
        {
            return Problems.NotFound($"{name} is not on the allow-list.");
        }

        await relay.RelayAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<BlockResponse>, ProblemHttpResult>> PutBlock(
        string? target, HttpRequest request, IAllowListStore allowList, AdminChangeRelay relay, CancellationToken cancellationToken)
    {
        if (ParseTarget(target) is not ({ } name, { } version, null) parsed)
        {
            return Problems.BadRequest(ParseTarget(target).Error ?? "repository@version is required.");
        }

        var (body, bodyError) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.NoteRequest, required: false, cancellationToken);
        if (bodyError is not null)
        {
            return (ProblemHttpResult)bodyError;
        }

        if (await allowList.GetAsync(name, cancellationToken) is null)
        {
            return Problems.NotFound($"{name} is not on the allow-list.");
        }

        await allowList.BlockAsync(name, version, body?.Note, cancellationToken);
        await relay.RelayAsync(name, cancellationToken);
        return TypedResults.Ok(new BlockResponse(name.Value, version, true));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteBlock(
        string? target, IAllowListStore allowList, AdminChangeRelay relay, CancellationToken cancellationToken)
    {
        if (ParseTarget(target) is not ({ } name, { } version, null))
        {
            return Problems.BadRequest(ParseTarget(target).Error ?? "repository@version is required.");
        }

        if (!await allowList.UnblockAsync(name, version, cancellationToken))
        {
            return Problems.NotFound($"{name}@{version} is not blocked.");
        }

        await relay.RelayAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Accepted<ScanTriggerResponse>, ProblemHttpResult>> PostScan(
        HttpRequest request, IAllowListStore allowList, ScanRequestDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var (body, bodyError) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.ScanTriggerRequest, required: false, cancellationToken);
        if (bodyError is not null)
        {
            return (ProblemHttpResult)bodyError;
        }

        IReadOnlyList<Core.Scanning.ScanRequest> requests;
        if (body?.Repository is null)
        {
            requests = await dispatcher.RequestAllAsync(cancellationToken);
        }
        else
        {
            if (!RepositoryName.TryParse(body.Repository, out var name, out var error))
            {
                return Problems.BadRequest(error);
            }

            if (await allowList.GetAsync(name, cancellationToken) is null)
            {
                return Problems.NotFound($"{name} is not on the allow-list.");
            }

            requests = await dispatcher.RequestAsync(name, cancellationToken);
        }

        return TypedResults.Accepted(
            (string?)null,
            new ScanTriggerResponse(requests.Select(r => new ScanRequestResponse(r.Repository, r.MessageId)).ToArray()));
    }

    private static (RepositoryName? Repository, string? Version, string? Error) ParseTarget(string? target)
    {
        var at = target?.LastIndexOf('@') ?? -1;
        if (target is null || at <= 0)
        {
            return (null, null, "The path must end in repository@version, such as docker.io/acme/ext@1.2.0.");
        }

        if (!RepositoryName.TryParse(target[..at], out var name, out var error))
        {
            return (null, null, error);
        }

        var versionText = target[(at + 1)..];
        if (!VersionTag.TryParse(versionText, out var version))
        {
            return (null, null, $"'{(versionText.Length > 80 ? versionText[..80] : versionText)}' is not a SemVer version such as 1.2.0.");
        }

        return (name, VersionTag.Format(version), null);
    }

    private static AllowListEntryResponse ToResponse(AllowListEntry entry) =>
        new(entry.Repository.Value, entry.AddedAt, entry.Note, entry.BlockedVersions.Order(StringComparer.Ordinal).ToArray());
}
