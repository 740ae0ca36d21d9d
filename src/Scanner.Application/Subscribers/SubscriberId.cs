namespace Scanner.Application.Subscribers;

/// <summary>What a subscriber id may be: safe in a URL path and as a table row key.</summary>
public static class SubscriberId
{
    public const string Rule = "A subscriber id is 1 to 128 characters of letters, digits, '-', '_' and '.'.";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
