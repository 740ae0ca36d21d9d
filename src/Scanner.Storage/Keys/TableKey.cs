using System.Globalization;
using System.Text;

namespace Scanner.Storage.Keys;

/// <summary>
/// Reversible encoding of arbitrary text into a Table Storage key. Keys forbid <c>/ \ # ?</c> and control characters;
/// those, the escape character <c>!</c> itself, <c>%</c> (which some Table endpoints mishandle in URLs) and <c>'</c>
/// become <c>!XX</c> per UTF-8 byte. Every other character stays as it is, so keys remain readable in a table browser.
/// </summary>
public static class TableKey
{
    private const char Escape = '!';

    // Lone surrogates are not text: refusing them keeps every encoding reversible.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c))
            {
                builder.Append(c);
                continue;
            }

            // A surrogate pair is encoded as one code point; a lone surrogate cannot be UTF-8 and is refused.
            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? 2
                : 1;
            var written = StrictUtf8.GetBytes(text.AsSpan(i, length), bytes);
            foreach (var b in bytes[..written])
            {
                builder.Append(Escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }

            i += length - 1;
        }

        return builder.ToString();
    }

    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains(Escape, StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        var pending = new List<byte>();
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == Escape)
            {
                if (i + 2 >= key.Length ||
                    !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw new FormatException($"'{key}' has a malformed escape at position {i}.");
                }

                pending.Add(b);
                i += 2;
                continue;
            }

            Flush(builder, pending);
            builder.Append(key[i]);
        }

        Flush(builder, pending);
        return builder.ToString();
    }

    private static void Flush(StringBuilder builder, List<byte> pending)
    {
        if (pending.Count > 0)
        {
            builder.Append(StrictUtf8.GetString(pending.ToArray()));
            pending.Clear();
        }
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or Escape or '%' or '\'' || char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e';
}
