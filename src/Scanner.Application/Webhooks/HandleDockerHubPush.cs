using Microsoft.Extensions.Logging;
using Scanner.Application.AllowList;
using Scanner.Application.Outcomes;
using Scanner.Application.Scanning;
using Scanner.Core.Repositories;

namespace Scanner.Application.Webhooks;

/// <summary>
/// Function <c>DockerHubWebhook</c>. Docker Hub does not sign webhooks, so the payload is only a hint: the registry is
/// re-read, <c>callback_url</c> is never called, and a repository off the allow-list costs no registry traffic.
/// </summary>
public sealed partial class HandleDockerHubPush(IAllowListStore allowList, ScanRequester scans, ILogger<HandleDockerHubPush> logger)
{
    public async Task<Outcome<WebhookAnswer>> HandleAsync(DockerHubPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (push.RepoName is not { Length: > 0 } repoName)
        {
            return Outcome<WebhookAnswer>.Invalid("repository.repo_name is required (a Docker Hub push payload).");
        }

        if (!push.HasPushData)
        {
            return Outcome<WebhookAnswer>.Invalid("push_data is required (a Docker Hub push payload).");
        }

        if (!RepositoryName.TryParse(repoName, out var repository, out var error) || !repository.IsDockerHub)
        {
            return Outcome<WebhookAnswer>.Invalid($"repository.repo_name: {error ?? "a Docker Hub repository is expected."}");
        }

        if (await allowList.GetAsync(repository, cancellationToken).ConfigureAwait(false) is null)
        {
            LogIgnored(repository.Value);
            return Outcome<WebhookAnswer>.Ok(new WebhookAnswer("ignored", repository.Value, null, "not on the allow-list"));
        }

        var receipt = await scans.RequestAsync(repository, ScanTriggers.Webhook, cancellationToken).ConfigureAwait(false);
        LogAccepted(repository.Value, push.Tag, receipt.Disposition);
        return Outcome<WebhookAnswer>.Ok(new WebhookAnswer("accepted", repository.Value, receipt, null));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker Hub webhook for {Repository} ignored: not on the allow-list")]
    private partial void LogIgnored(string repository);

    [LoggerMessage(Level = LogLevel.Information, Message = "Docker Hub webhook for {Repository} (tag {Tag}): scan {Disposition}")]
    private partial void LogAccepted(string repository, string? tag, ScanRequestDisposition disposition);
}
