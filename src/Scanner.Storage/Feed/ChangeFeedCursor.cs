using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Scanner.Storage.Feed;

/// <summary>The opaque cursor of the change feed: base64url of <c>s:{sequence}</c>.</summary>
public static class ChangeFeedCursor
{
    private const string Prefix = "s:";

    public static string Format(long sequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + sequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The sequence a cursor stands for; null = from the start. Throws <see cref="FormatException"/>.</summary>
    public static long Parse(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException ex)
        {
            throw new FormatException("The cursor was not issued by this change feed.", ex);
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal) ||
            !long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ||
            Format(sequence) != cursor)
        {
            throw new FormatException("The cursor was not issued by this change feed.");
        }

        return sequence;
    }
}
