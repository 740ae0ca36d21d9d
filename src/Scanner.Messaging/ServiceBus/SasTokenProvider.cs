using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Scanner.Messaging.ServiceBus;

/// <summary>
/// Shared Access Signature tokens: HMAC-SHA256 with the key over the URL-encoded resource URI and the expiry
/// (Unix seconds). A token is cached per resource and renewed <see cref="RenewBefore"/> ahead of its expiry.
/// </summary>
public sealed class SasTokenProvider : IServiceBusTokenProvider
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly string _keyName;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expiry)> _cache = new(StringComparer.OrdinalIgnoreCase);

    public SasTokenProvider(string keyName, string key, TimeProvider? timeProvider = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        _keyName = keyName;

        // Service Bus signs with the key's characters as given, not with its base64-decoded bytes.
        _key = Encoding.UTF8.GetBytes(key);
        _lifetime = lifetime ?? DefaultLifetime;
        if (_lifetime <= RenewBefore)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), $"A SAS token must live longer than {RenewBefore}.");
        }

        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public ValueTask<string> GetAuthorizationAsync(Uri resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var resourceText = ResourceText(resource);
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(resourceText, out var cached) && cached.Expiry - RenewBefore > now)
        {
            return ValueTask.FromResult(cached.Token);
        }

        var expiry = DateTimeOffset.FromUnixTimeSeconds(now.Add(_lifetime).ToUnixTimeSeconds());
        var token = CreateToken(resourceText, _keyName, _key, expiry);
        _cache[resourceText] = (token, expiry);
        return ValueTask.FromResult(token);
    }

    /// <summary>Builds <c>SharedAccessSignature sr=...&amp;sig=...&amp;se=...&amp;skn=...</c>.</summary>
    internal static string CreateToken(string resource, string keyName, byte[] key, DateTimeOffset expiry)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expirySeconds = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(encodedResource + "\n" + expirySeconds));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(Convert.ToBase64String(signature))}&se={expirySeconds}&skn={WebUtility.UrlEncode(keyName)}");
    }

    // The signed resource is the entity URI without query, lower-cased as Service Bus compares it.
    private static string ResourceText(Uri resource) =>
        resource.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant();
}
