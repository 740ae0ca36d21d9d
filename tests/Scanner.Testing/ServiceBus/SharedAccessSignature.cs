using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Scanner.Testing.ServiceBus;

/// <summary>
/// Service Bus shared access signatures, as the broker checks them:
/// <c>SharedAccessSignature sr={url-encoded resource}&amp;sig={base64 HMAC-SHA256}&amp;se={unix expiry}&amp;skn={key name}</c>,
/// signed over <c>{url-encoded resource}\n{expiry}</c> with the key's UTF-8 bytes.
/// </summary>
public static class SharedAccessSignature
{
    public const string Prefix = "SharedAccessSignature ";

    /// <summary>A token for <paramref name="resource"/> signed with <paramref name="key"/>, the way the SDK makes one.</summary>
    public static string Create(string resource, string keyName, string key, DateTimeOffset expiresAt)
    {
        var encodedResource = WebUtility.UrlEncode(resource);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(encodedResource, expiry, key);
        return $"{Prefix}sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }

    /// <summary>
    /// Checks <paramref name="token"/> as Service Bus does for a <c>put-token</c> of <paramref name="audience"/>: the
    /// key name is the configured one, the signature is the key's, it has not expired, and its resource covers the
    /// audience (same host, the audience's path under the resource's; the scheme is not compared).
    /// </summary>
    /// <returns>Null for a good token, else why it is refused.</returns>
    public static string? Check(string token, string keyName, string key, string audience, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "MalformedToken: not a SharedAccessSignature.";
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in token[Prefix.Length..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !fields.TryAdd(pair[..equals], pair[(equals + 1)..]))
            {
                return "MalformedToken: a field is malformed or repeated.";
            }
        }

        if (!fields.TryGetValue("sr", out var encodedResource) || !fields.TryGetValue("sig", out var signature) ||
            !fields.TryGetValue("se", out var encodedExpiry) || !fields.TryGetValue("skn", out var encodedKeyName))
        {
            return "MalformedToken: sr, sig, se and skn are required.";
        }

        if (!string.Equals(WebUtility.UrlDecode(encodedKeyName), keyName, StringComparison.Ordinal))
        {
            return "InvalidSignature: the key name is not one of the namespace's.";
        }

        var expiry = WebUtility.UrlDecode(encodedExpiry);
        var expected = Encoding.ASCII.GetBytes(Sign(encodedResource, expiry, key));
        var given = Encoding.ASCII.GetBytes(WebUtility.UrlDecode(signature));
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return "InvalidSignature: the token has an invalid signature.";
        }

        if (!long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds <= now.ToUnixTimeSeconds())
        {
            return "ExpiredToken: the token has expired.";
        }

        return Covers(WebUtility.UrlDecode(encodedResource), audience)
            ? null
            : "InvalidAudience: the token's resource does not cover the audience.";
    }

    private static string Sign(string encodedResource, string expiry, string key)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry));
        return Convert.ToBase64String(mac);
    }

    private static bool Covers(string resource, string audience)
    {
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var resourceUri) || !Uri.TryCreate(audience, UriKind.Absolute, out var audienceUri) ||
            !string.Equals(resourceUri.Host, audienceUri.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var resourcePath = resourceUri.AbsolutePath.Trim('/');
        var audiencePath = audienceUri.AbsolutePath.Trim('/');
        return resourcePath.Length == 0 ||
               string.Equals(resourcePath, audiencePath, StringComparison.OrdinalIgnoreCase) ||
               audiencePath.StartsWith(resourcePath + "/", StringComparison.OrdinalIgnoreCase);
    }
}
