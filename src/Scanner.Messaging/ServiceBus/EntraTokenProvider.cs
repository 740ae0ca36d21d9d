using Azure.Core;
using Azure.Identity;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// Entra ID bearer tokens for Service Bus (scope <c>https://servicebus.azure.net/.default</c>), from
/// <see cref="DefaultAzureCredential"/> by default; cached until shortly before they expire.
/// </summary>
public sealed class EntraTokenProvider : IServiceBusTokenProvider, IDisposable
{
    public const string Scope = "https://servicebus.azure.net/.default";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _cached;

    public EntraTokenProvider(TokenCredential credential, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The default credential chain; <paramref name="clientId"/> picks a user-assigned managed identity.</summary>
    public static EntraTokenProvider CreateDefault(string? clientId, TimeProvider? timeProvider = null)
    {
        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new EntraTokenProvider(new DefaultAzureCredential(options), timeProvider);
    }

    public async ValueTask<string> GetAuthorizationAsync(Uri resource, CancellationToken cancellationToken = default)
    {
        if (IsFresh(_cached))
        {
            return _cached!.Header;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_cached))
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
                _cached = new CachedToken("Bearer " + token.Token, token.ExpiresOn);
            }

            return _cached!.Header;
        }
        catch (AuthenticationFailedException ex)
        {
            throw new ServiceBusException(
                null,
                "No Entra ID token for Service Bus could be obtained (managed identity or developer sign-in): " + ex.Message,
                ex);
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private bool IsFresh(CachedToken? token) =>
        token is not null && token.ExpiresOn - RenewBefore > _timeProvider.GetUtcNow();

    private sealed record CachedToken(string Header, DateTimeOffset ExpiresOn)
    {
        // The header carries the token: keep it out of any accidental log line.
        public override string ToString() => $"Bearer token expiring {ExpiresOn:O}";
    }
}
