using Microsoft.AspNetCore.WebUtilities;
using Scanner.Application.Updates;
using Scanner.Application.Updates.Models;

namespace Scanner.Functions.Http;

/// <summary>
/// The query of <c>GET /api/v1/updates</c>, read in one pass with the decoding <c>request.Query</c> uses (the same
/// enumerator: <c>+</c> and %-escapes decoded, names compared case-insensitively, the first value of a single-valued
/// name wins) but without building the query dictionary, whose cost grew with every installed extension.
/// <see cref="Error"/> says why the first malformed <c>installed</c> value is not <c>repository@version</c>.
/// </summary>
public sealed record UpdateCheckQuery(string? ApiVersion, string? IncludePrerelease, IReadOnlyList<InstalledExtensionInput> Installed, string? Error)
{
    // Values decoded on the stack; longer ones (far beyond any repository@version) by the framework's decoder.
    private const int MaxStackDecodedLength = 512;

    /// <summary>Reads <paramref name="query"/>; <paramref name="updates"/> splits each installed value.</summary>
    public static UpdateCheckQuery Parse(QueryString query, CheckUpdates updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        string? apiVersion = null;
        string? includePrerelease = null;
        string? error = null;
        var installed = new List<InstalledExtensionInput>(16);
        Span<char> buffer = stackalloc char[MaxStackDecodedLength];
        foreach (var pair in new QueryStringEnumerable(query.Value))
        {
            var name = pair.EncodedName.Span;
            if (name.IndexOfAny('%', '+') >= 0)
            {
                name = pair.DecodeName().Span;
            }

            if (name.Equals("installed", StringComparison.OrdinalIgnoreCase))
            {
                if (error is null)
                {
                    if (updates.TryParseInstalled(DecodeValue(pair, buffer), out var input, out var problem))
                    {
                        installed.Add(input);
                    }
                    else
                    {
                        error = problem;
                    }
                }
            }
            else if (apiVersion is null && name.Equals("apiVersion", StringComparison.OrdinalIgnoreCase))
            {
                apiVersion = DecodeValue(pair, buffer).ToString();
            }
            else if (includePrerelease is null && name.Equals("includePrerelease", StringComparison.OrdinalIgnoreCase))
            {
                includePrerelease = DecodeValue(pair, buffer).ToString();
            }
        }

        return new UpdateCheckQuery(apiVersion, includePrerelease, installed, error);
    }

    /// <summary>
    /// <see cref="QueryStringEnumerable.EncodedNameValuePair.DecodeValue"/>'s result, in <paramref name="buffer"/> when
    /// it was decoded there. What clients send (ASCII, with <c>%3A</c> and <c>%2F</c> in repository names) is decoded
    /// here in one pass: the framework's general decoder was the largest cost of reading the query. An escape of a
    /// non-ASCII byte (part of a UTF-8 sequence) and an overlong value go to the framework's decoder.
    /// </summary>
    private static ReadOnlySpan<char> DecodeValue(QueryStringEnumerable.EncodedNameValuePair pair, Span<char> buffer)
    {
        var encoded = pair.EncodedValue.Span;
        if (encoded.IndexOfAny('%', '+') < 0)
        {
            return encoded;
        }

        if (encoded.Length > buffer.Length)
        {
            return pair.DecodeValue().Span;
        }

        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c == '+')
            {
                c = ' ';
            }
            else if (c == '%' && i + 2 < encoded.Length && char.IsAsciiHexDigit(encoded[i + 1]) && char.IsAsciiHexDigit(encoded[i + 2]))
            {
                var value = (HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]);
                if (value > 0x7F)
                {
                    return pair.DecodeValue().Span;
                }

                c = (char)value;
                i += 2;
            }

            buffer[length++] = c;
        }

        return buffer[..length];
    }

    private static int HexValue(char digit) => digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10;
}
