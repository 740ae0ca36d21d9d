using System.Net;
using Microsoft.Extensions.Options;
using Scanner.Core.Changes;
using Scanner.Functions.Api.Models;
using Scanner.Functions.Functions;
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
    private const int MaxIdLength = 64;

    public static IEndpointRouteBuilder MapSubscriberApi(this IEndpointRouteBuilder api)
    {
        api.MapFunction(FunctionCatalog.ManageSubscribers, "GET", GetSubscribers);
        api.MapFunction(FunctionCatalog.ManageSubscribers, "PUT", PutSubscriber);
        api.MapFunction(FunctionCatalog.ManageSubscribers, "DELETE", DeleteSubscriber);
        return api;
    }

    public static async Task<Results<Ok<SubscriberListResponse>, Ok<SubscriberResponse>, ProblemHttpResult>> GetSubscribers(
        string? id, ISubscriberStore store, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            var all = await store.ListAsync(cancellationToken);
            return TypedResults.Ok(new SubscriberListResponse(all.OrderBy(s => s.Id, StringComparer.Ordinal).Select(ToResponse).ToArray()));
        }

        if (ValidateId(id) is { } idError)
        {
            return Problems.BadRequest(idError);
        }

        var subscriber = await store.GetAsync(id, cancellationToken);
        return subscriber is null ? Problems.NotFound($"There is no subscriber '{id}'.") : TypedResults.Ok(ToResponse(subscriber));
    }

    public static async Task<Results<Created<SubscriberResponse>, Ok<SubscriberResponse>, ProblemHttpResult>> PutSubscriber(
        string? id,
        HttpRequest request,
        ISubscriberStore store,
        IOptions<SubscriberOptions> options,
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

        if (ValidateUrl(body!.Url, options.Value.AllowPrivateNetworks, out var url) is { } urlError)
        {
            return Problems.BadRequest(urlError);
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
        var subscriber = new Subscriber(id, url!, secret, eventTypes.Distinct(StringComparer.Ordinal).ToArray(), existing?.CreatedAt ?? time.GetUtcNow());
        await store.UpsertAsync(subscriber, cancellationToken);
        var response = ToResponse(subscriber);
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

    private static SubscriberResponse ToResponse(Subscriber subscriber) =>
        new(subscriber.Id, subscriber.Url, subscriber.EventTypes, subscriber.CreatedAt);

    private static string? ValidateId(string id) =>
        id.Length <= MaxIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null
            : $"A subscriber id is 1 to {MaxIdLength} characters of letters, digits, '-', '_' and '.'.";

    // The delivery guard checks resolved addresses at connect time; this catches what is wrong on its face.
    private static string? ValidateUrl(string? text, bool allowPrivateNetworks, out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http") ||
            !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "\"url\" must be an absolute http(s) URL without user info.";
        }

        if (!allowPrivateNetworks)
        {
            if (parsed.Scheme != Uri.UriSchemeHttps)
            {
                return "\"url\" must use https.";
            }

            if (parsed.IsLoopback || (IPAddress.TryParse(parsed.IdnHost, out var address) && !IsPublic(address)))
            {
                return "\"url\" must not point at a loopback, link-local or private address.";
            }
        }

        url = parsed;
        return null;
    }

    private static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ||
            address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length != 4 || !(bytes[0] == 10 || bytes[0] == 127 || bytes[0] == 0 ||
            (bytes[0] == 169 && bytes[1] == 254) || (bytes[0] == 172 && bytes[1] >= 16 && bytes[1] <= 31) ||
            (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 100 && bytes[1] >= 64 && bytes[1] <= 127) || bytes[0] >= 224);
    }
}
