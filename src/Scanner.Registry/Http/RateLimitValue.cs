using System.Globalization;

namespace Scanner.Registry.Http;

/// <summary>
/// One <c>ratelimit-limit</c> or <c>ratelimit-remaining</c> header as Docker Hub sends it: <c>100;w=21600</c>, a count and
/// the window in seconds (the window may be missing).
/// </summary>
internal readonly record struct RateLimitValue(long Count, TimeSpan? Window)
{
    public const string LimitHeader = "ratelimit-limit";

    public const string RemainingHeader = "ratelimit-remaining";

    public static bool TryParse(string? text, out RateLimitValue value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split(';', StringSplitOptions.TrimEntries);
        if (!long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        TimeSpan? window = null;
        foreach (var parameter in parts.Skip(1))
        {
            if (parameter.StartsWith("w=", StringComparison.OrdinalIgnoreCase) &&
                long.TryParse(parameter.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) &&
                seconds > 0)
            {
                window = TimeSpan.FromSeconds(seconds);
            }
        }

        value = new RateLimitValue(count, window);
        return true;
    }
}
