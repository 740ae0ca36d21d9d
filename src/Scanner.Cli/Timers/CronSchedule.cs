using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Scanner.Functions.Timers;

/// <summary>
/// A 6-field NCRONTAB schedule as Azure Functions reads it: <c>second minute hour day month day-of-week</c>, in UTC.
/// Fields take <c>*</c>, numbers, ranges <c>a-b</c>, lists <c>a,b</c>, steps <c>*/n</c> and <c>a-b/n</c>, and
/// month and day names (<c>jan</c>, <c>mon</c>). Day of month and day of week must both match.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekDays;

    private CronSchedule(string text, bool[][] fields)
    {
        Text = text;
        (_seconds, _minutes, _hours, _days, _months, _weekDays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
    }

    public string Text { get; }

    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var parts = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 6)
        {
            error = $"'{text}' is not a 6-field NCRONTAB schedule (second minute hour day month day-of-week).";
            return false;
        }

        (int Min, int Max, string[]? Names, string Name)[] shapes =
        [
            (0, 59, null, "second"), (0, 59, null, "minute"), (0, 23, null, "hour"), (1, 31, null, "day"),
            (1, 12, MonthNames, "month"), (0, 7, DayNames, "day of week"),
        ];
        var fields = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            var shape = shapes[i];
            fields[i] = new bool[shape.Max + 1];
            foreach (var item in parts[i].Split(','))
            {
                if (!TryParseItem(item, shape.Min, shape.Max, shape.Names, fields[i]))
                {
                    error = $"'{parts[i]}' is not a valid {shape.Name} field in '{text}'.";
                    return false;
                }
            }
        }

        // Sunday is 0 and 7.
        fields[5][0] |= fields[5][7];
        schedule = new CronSchedule(string.Join(' ', parts), fields);
        error = null;
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none within five years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var t = after.UtcDateTime;
        t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
            }
            else if (!_days[t.Day] || !_weekDays[(int)t.DayOfWeek])
            {
                t = t.Date.AddDays(1);
            }
            else if (!_hours[t.Hour])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc).AddHours(1);
            }
            else if (!_minutes[t.Minute])
            {
                t = new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
            }
            else if (!_seconds[t.Second])
            {
                t = t.AddSeconds(1);
            }
            else
            {
                return new DateTimeOffset(t, TimeSpan.Zero);
            }
        }

        return null;
    }

    public override string ToString() => Text;

    private static bool TryParseItem(string item, int min, int max, string[]? names, bool[] field)
    {
        var step = 1;
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!int.TryParse(item.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > max)
            {
                return false;
            }

            item = item[..slash];
        }

        int from, to;
        if (item == "*")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = item.IndexOf('-', StringComparison.Ordinal);
            if (dash >= 0)
            {
                if (!TryParseValue(item[..dash], min, max, names, out from) || !TryParseValue(item[(dash + 1)..], min, max, names, out to) || to < from)
                {
                    return false;
                }
            }
            else
            {
                if (!TryParseValue(item, min, max, names, out from))
                {
                    return false;
                }

                to = slash >= 0 ? max : from;
            }
        }

        for (var v = from; v <= to; v += step)
        {
            field[v] = true;
        }

        return true;
    }

    private static bool TryParseValue(string text, int min, int max, string[]? names, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max;
        }

        if (names is not null)
        {
            var index = Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + (min == 1 ? 1 : 0);
                return true;
            }
        }

        return false;
    }
}
