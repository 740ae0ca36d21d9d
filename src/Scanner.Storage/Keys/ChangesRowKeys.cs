using System.Globalization;

namespace Scanner.Storage.Keys;

/// <summary>Keys of the <c>changes</c> table: everything lives in one partition so one transaction can append.</summary>
public static class ChangesRowKeys
{
    public const string Partition = "feed";

    /// <summary>The counter row: the sequence of the last appended event.</summary>
    public const string Head = "head";

    public const string EventPrefix = "e~";

    public const string EventUpperBound = "e~~";

    public const string IndexPrefix = "id~";

    public static string Event(long sequence) => EventPrefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static long ParseEvent(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return rowKey.StartsWith(EventPrefix, StringComparison.Ordinal) &&
               long.TryParse(rowKey.AsSpan(EventPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new FormatException($"'{rowKey}' is not a feed row key.");
    }

    /// <summary>One row per event id: its insertion conflicts when the event is already in the feed.</summary>
    public static string Index(string eventId) => IndexPrefix + eventId;
}
