using System.Buffers;
using Microsoft.AspNetCore.WebUtilities;

namespace Scanner.Functions.Http;

/// <summary>
/// The query of <c>GET /api/v1/updates</c>, read in one pass with the decoding <c>request.Query</c> uses (the same
/// enumerator: <c>+</c> and %-escapes decoded, names compared case-insensitively, the first value of a single-valued
/// name wins) but without building the query dictionary, whose cost grew with every installed extension.
/// </summary>
public sealed record UpdateCheckQuery(string? ApiVersion, string? IncludePrerelease, IReadOnlyList<string> Installed)
{
    // Longer values (far beyond any repository@version) are left to the framework's decoder rather than the stack.
    private const int MaxStackDecodedLength = 512;

    public static UpdateCheckQuery Parse(QueryString query)
    {
        string? apiVersion = null;
        string? includePrerelease = null;
        var installed = new List<string>(16);
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            var name = pair.EncodedName.Span;
            if (name.IndexOfAny('%', '+') >= 0)
            {
                name = pair.DecodeName().Span;
            }

            if (name.Equals("installed", StringComparison.OrdinalIgnoreCase))
            {
                installed.Add(DecodeValue(pair));
            }
            else if (apiVersion is null && name.Equals("apiVersion", StringComparison.OrdinalIgnoreCase))
            {
                apiVersion = DecodeValue(pair);
            }
            else if (includePrerelease is null && name.Equals("includePrerelease", StringComparison.OrdinalIgnoreCase))
            {
                includePrerelease = DecodeValue(pair);
            }
        }

        return new UpdateCheckQuery(apiVersion, includePrerelease, installed);
    }

    /// <summary>
    /// <see cref="QueryStringEnumerable.EncodedNameValuePair.DecodeValue"/>'s result. What clients send (ASCII, with
    /// <c>%3A</c> and <c>%2F</c> in repository names) is decoded here in one pass: the framework's general decoder
    /// was the largest cost of reading the query. An escape of a non-ASCII byte (part of a UTF-8 sequence) and an
    /// overlong value go to the framework's decoder.
    /// </summary>
    private static string DecodeValue(QueryStringEnumerable.EncodedNameValuePair pair)
    {
        var encoded = pair.EncodedValue.Span;
        if (encoded.IndexOfAny('%', '+') < 0)
        {
            return encoded.ToString();
        }

        if (encoded.Length > MaxStackDecodedLength)
        {
            return pair.DecodeValue().ToString();
        }

        Span<char> decoded = stackalloc char[encoded.Length];
        Span<byte> escaped = stackalloc byte[1];
        var length = 0;
        while (true)
        {
            // Copy up to the next '%' or '+' at once: escapes are few (':' and '/' in a repository name).
            var next = encoded.IndexOfAny('%', '+');
            var run = next < 0 ? encoded : encoded[..next];
            run.CopyTo(decoded[length..]);
            length += run.Length;
            if (next < 0)
            {
                break;
            }

            if (encoded[next] == '+')
            {
                decoded[length++] = ' ';
                encoded = encoded[(next + 1)..];
            }
            else if (next + 2 < encoded.Length && Convert.FromHexString(encoded.Slice(next + 1, 2), escaped, out _, out _) == OperationStatus.Done)
            {
                if (escaped[0] > 0x7F)
                {
                    return pair.DecodeValue().ToString();
                }

                decoded[length++] = (char)escaped[0];
                encoded = encoded[(next + 3)..];
            }
            else
            {
                decoded[length++] = '%';
                encoded = encoded[(next + 1)..];
            }
        }

        return decoded[..length].ToString();
    }

}
