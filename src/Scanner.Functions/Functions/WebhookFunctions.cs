using System.ComponentModel;
using Microsoft.Azure.Functions.Worker;
using Scanner.Application.Outcomes;
using Scanner.Application.Webhooks;
using Scanner.Functions.Http;
using Scanner.Functions.Http.Models;
using Scanner.Functions.OpenApi;

namespace Scanner.Functions.Functions;

/// <summary>Docker Hub push webhooks (function key in <c>?code=</c>: Docker Hub does not sign them).</summary>
public sealed class WebhookFunctions(HandleDockerHubPush pushes)
{
    [Function(nameof(DockerHubWebhook))]
    [Description("Docker Hub push webhook: requests a scan of an allow-listed repository.")]
    [RequestBody(typeof(DockerHubPayload), Required = true)]
    public async Task<Results<Accepted<WebhookAnswer>, ProblemHttpResult>> DockerHubWebhook(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/webhooks/dockerhub")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (payload, error) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.DockerHubPayload, required: true, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var push = new DockerHubPush(payload!.Repository?.RepoName, payload.PushData?.Tag, payload.PushData is not null);
        var outcome = await pushes.HandleAsync(push, cancellationToken);
        return outcome.Kind == OutcomeKind.Ok
            ? TypedResults.Accepted((string?)null, outcome.Value)
            : OutcomeResults.Problem(outcome);
    }
}
