using Scanner.Application.Outcomes;
using Scanner.Core.Changes;

namespace Scanner.Application.Subscribers;

/// <summary>
/// Function <c>ManageSubscribers</c>: list, read, register (PUT on the id creates or replaces) and remove signed
/// webhook subscribers. The secret is write-only: no answer contains it.
/// </summary>
public sealed class ManageSubscribers(ISubscriberStore store, ISubscriberUrlPolicy urlPolicy, TimeProvider time)
{
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    public async Task<IReadOnlyList<SubscriberInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => s.ToInfo())];
    }

    public async Task<Outcome<SubscriberInfo>> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!SubscriberId.IsValid(id))
        {
            return Outcome<SubscriberInfo>.Invalid(SubscriberId.Rule);
        }

        var subscriber = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return subscriber is null
            ? Outcome<SubscriberInfo>.NotFound($"There is no subscriber '{id}'.")
            : Outcome<SubscriberInfo>.Ok(subscriber.ToInfo());
    }

    public async Task<Outcome<SubscriberInfo>> PutAsync(
        string? id, string? url, string? secret, IReadOnlyList<string>? eventTypes, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Outcome<SubscriberInfo>.Invalid("PUT needs the subscriber's id in the path: /api/v1/admin/subscribers/{id}.");
        }

        if (!SubscriberId.IsValid(id))
        {
            return Outcome<SubscriberInfo>.Invalid(SubscriberId.Rule);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var address))
        {
            return Outcome<SubscriberInfo>.Invalid("\"url\" must be an absolute https URL.");
        }

        if (urlPolicy.Refusal(address) is { } refusal)
        {
            return Outcome<SubscriberInfo>.Invalid(refusal);
        }

        if (secret is not { Length: >= MinSecretLength and <= MaxSecretLength })
        {
            return Outcome<SubscriberInfo>.Invalid(
                $"\"secret\" is required: {MinSecretLength} to {MaxSecretLength} characters, used to sign every delivery.");
        }

        var types = eventTypes ?? [];
        if (types.FirstOrDefault(t => !ChangeEventTypes.All.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            return Outcome<SubscriberInfo>.Invalid($"\"{unknown}\" is not an event type; known types: {string.Join(", ", ChangeEventTypes.All)}.");
        }

        var existing = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        var subscriber = new Subscriber(id, address, secret, [.. types.Distinct(StringComparer.Ordinal)], existing?.CreatedAt ?? time.GetUtcNow());
        await store.UpsertAsync(subscriber, cancellationToken).ConfigureAwait(false);
        return existing is null ? Outcome<SubscriberInfo>.Created(subscriber.ToInfo()) : Outcome<SubscriberInfo>.Ok(subscriber.ToInfo());
    }

    public async Task<Outcome<string>> DeleteAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id))
        {
            return Outcome<string>.Invalid("DELETE needs the subscriber's id in the path: /api/v1/admin/subscribers/{id}.");
        }

        if (!SubscriberId.IsValid(id))
        {
            return Outcome<string>.Invalid(SubscriberId.Rule);
        }

        return await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Outcome<string>.Ok(id)
            : Outcome<string>.NotFound($"There is no subscriber '{id}'.");
    }
}
