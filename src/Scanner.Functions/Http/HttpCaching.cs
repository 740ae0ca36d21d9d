using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Scanner.Functions.Http;

/// <summary>ETags and Cache-Control for GETs that clients poll every few minutes.</summary>
public static class HttpCaching
{
    /// <summary>Fresh for a minute, then served stale for another while revalidating with the ETag.</summary>
    public const string PollingCacheControl = "public, max-age=60, stale-while-revalidate=60";

    /// <summary>The change feed: always revalidate, so a client never misses the newest page.</summary>
    public const string FeedCacheControl = "no-cache";

    /// <summary>
    /// Sets <c>ETag</c> and <c>Cache-Control</c>; true when the client's <c>If-None-Match</c> already has this
    /// representation (answer 304).
    /// </summary>
    public static bool IsNotModified(HttpContext context, string etagValue, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quoted = $"\"{etagValue}\"";
        context.Response.Headers.ETag = quoted;
        context.Response.Headers.CacheControl = cacheControl;

        // Most requests carry no If-None-Match: nothing to parse then.
        if (context.Request.Headers.IfNoneMatch.Count == 0)
        {
            return false;
        }

        var etag = new EntityTagHeaderValue(quoted);
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(etag, useStrongComparison: false));
    }

    /// <summary>
    /// A short, stable digest of a request's inputs, for an ETag that differs per question: 64 bits of XXH3 over the
    /// text's UTF-16 code units. Not a secret and not a signature, so no cryptographic hash (its cost showed in the
    /// update check's profile); every instance computes the same value for the same text.
    /// </summary>
    public static string Fingerprint(string? text) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes((text ?? string.Empty).AsSpan())).ToString("x16", CultureInfo.InvariantCulture);
}
