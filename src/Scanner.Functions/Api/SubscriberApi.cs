using Scanner.Core.Changes;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;
using Scanner.Application.Subscribers;
using Scanner.Messaging.Subscribers;

namespace Scanner.Functions.Api;

/// <summary>
/// The operator API for subscriber webhooks. A subscriber is created or replaced with PUT on its id; its secret is
/// write-only: no answer contains it.
/// </summary>
public static class SubscriberApi
{
    private const int MinSecretLength = 16;
    private const int MaxSecretLength = 256;

    public static IEndpointRouteBuilder MapSubscriberApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.ManageSubscribers, "GET", GetSubscribers);
        api.MapFunction(FunctionCatalog.ManageSubscribers, "PUT", PutSubscriber);
        api.MapFunction(FunctionCatalog.ManageSubscribers, "DELETE", DeleteSubscriber);
        return api;
    }

    public static async Task<Results<Ok<SubscriberListResponse>, Ok<SubscriberInfo>, ProblemHttpResult>> GetSubscribers(
        string? id, ISubscriberStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            var all = await store.ListAsync(cancellationToken);
            return TypedResults.Ok(new SubscriberListResponse(all.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.ToInfo()).ToArray()));
        }

        if (ValidateId(id) is { } idError)
        {
            return Problems.BadRequest(idError);
        }

        var subscriber = await store.GetAsync(id, cancellationToken);
        return subscriber is null ? Problems.NotFound($"There is no subscriber '{id}'.") : TypedResults.Ok(subscriber.ToInfo());
    }

    public static async Task<Results<Created<SubscriberInfo>, Ok<SubscriberInfo>, ProblemHttpResult>> PutSubscriber(
        string? id,
        HttpRequest request,
        ISubscriberStore store,
        SubscriberAddressPolicy addressPolicy,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Problems.BadRequest("PUT needs the subscriber's id in the path: /api/v1/admin/subscribers/{id}.");
        }

        if (ValidateId(id) is { } idError)
        {
            return Problems.BadRequest(idError);
        }

        var (body, bodyError) = await JsonBody.ReadAsync(request, ScannerJsonContext.Default.SubscriberRequest, required: true, cancellationToken);
        if (bodyError is ProblemHttpResult problem)
        {
            return problem;
        }

        if (!Uri.TryCreate(body!.Url, UriKind.Absolute, out var url))
        {
            return Problems.BadRequest("\"url\" must be an absolute https URL.");
        }

        try
        {
            addressPolicy.CheckUrl(url);
        }
        catch (SubscriberAddressRefusedException e)
        {
            return Problems.BadRequest(e.Message);
        }

        if (body.Secret is not { Length: >= MinSecretLength and <= MaxSecretLength } secret)
        {
            return Problems.BadRequest($"\"secret\" is required: {MinSecretLength} to {MaxSecretLength} characters, used to sign every delivery.");
        }

        var eventTypes = body.EventTypes ?? [];
        var unknown = eventTypes.FirstOrDefault(t => !ChangeEventTypes.All.Contains(t, StringComparer.Ordinal));
        if (unknown is not null)
        {
            return Problems.BadRequest($"\"{unknown}\" is not an event type; known types: {string.Join(", ", ChangeEventTypes.All)}.");
        }

        var existing = await store.GetAsync(id, cancellationToken);
        var subscriber = new Subscriber(id, url, secret, eventTypes.Distinct(StringComparer.Ordinal).ToArray(), existing?.CreatedAt ?? time.GetUtcNow());
        await store.UpsertAsync(subscriber, cancellationToken);
        var response = subscriber.ToInfo();
        return existing is null
            ? TypedResults.Created($"/api/v1/admin/subscribers/{Uri.EscapeDataString(id)}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSubscriber(
        string? id, ISubscriberStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Problems.BadRequest("DELETE needs the subscriber's id in the path: /api/v1/admin/subscribers/{id}.");
        }

        if (ValidateId(id) is { } idError)
        {
            return Problems.BadRequest(idError);
        }

        return await store.DeleteAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"There is no subscriber '{id}'.");
    }

    private static string? ValidateId(string id) =>
        TableSubscriberStore.IsValidId(id)
            ? null
            : "A subscriber id is 1 to 128 characters of letters, digits, '-', '_' and '.'.";
}
