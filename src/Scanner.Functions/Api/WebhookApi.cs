using Scanner.Application.AllowList;
using Scanner.Application.Catalog;
using Scanner.Application.Changes;
using Scanner.Application.Relay;
using Scanner.Application.Scanning;
using Scanner.Application.Validation;
using Scanner.Core.Repositories;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;
using Scanner.Functions.Scanning;

namespace Scanner.Functions.Api;

/// <summary>
/// Docker Hub push webhooks. Docker Hub does not sign them, so the payload is only a hint: the registry is re-read,
/// <c>callback_url</c> is never called, and a repository off the allow-list costs no registry traffic.
/// </summary>
public static partial class WebhookApi
{
    public static IEndpointRouteBuilder MapWebhookApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.DockerHubWebhook, "POST", DockerHub);
        return api;
    }

    public static async Task<Results<Accepted<WebhookResponse>, ProblemHttpResult>> DockerHub(
        HttpRequest request,
        IAllowListStore allowList,
        ScanRequestDispatcher dispatcher,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (payload, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.DockerHubPayload, required: true, cancellationToken);
        if (error is not null)
        {
            return (ProblemHttpResult)error;
        }

        if (payload!.Repository?.RepoName is not { Length: > 0 } repoName)
        {
            return Problems.BadRequest("repository.repo_name is required (a Docker Hub push payload).");
        }

        if (payload.PushData is null)
        {
            return Problems.BadRequest("push_data is required (a Docker Hub push payload).");
        }

        if (!RepositoryName.TryParse(repoName, out var repository, out var nameError) || !repository.IsDockerHub)
        {
            return Problems.BadRequest($"repository.repo_name: {nameError ?? "a Docker Hub repository is expected."}");
        }

        var logger = loggers.CreateLogger(typeof(WebhookApi));
        if (await allowList.GetAsync(repository, cancellationToken) is null)
        {
            LogIgnored(logger, repository.Value);
            return TypedResults.Accepted((string?)null, new WebhookResponse("ignored", repository.Value, null, "not on the allow-list"));
        }

        var requests = await dispatcher.RequestAsync(repository, cancellationToken);
        LogAccepted(logger, repository.Value, payload.PushData.Tag);
        return TypedResults.Accepted((string?)null, new WebhookResponse("accepted", repository.Value, requests[0].MessageId, null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker Hub webhook for {Repository} ignored: not on the allow-list")]
    private static partial void LogIgnored(ILogger logger, string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker Hub webhook for {Repository} (tag {Tag}): scan requested")]
    private static partial void LogAccepted(ILogger logger, string repository, string? tag);
}
