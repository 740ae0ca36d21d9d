using CsCheck;

namespace Scanner.Core.Tests.Fuzz;

/// <summary>Hostile text: random strings over characters parsers trip on, and small mutations of valid inputs.</summary>
internal static class FuzzInputs
{
    /// <summary>Characters that each parser has a reason to treat specially, or must not mistake for ASCII.</summary>
    private const string Interesting =
        "0123456789.-+_/:@,|<>=^~*xXv []{}\"\\ \t\r\n\0\u0001\u001b\u007f\u0085\u00a0\u2028\u200b\ufeff" +
        "\u0661\u0662\u0967\uff11\uff10\u212a\u0130\u0131\ud800\udc00";

    private static readonly Gen<char> AnyChar = Gen.Frequency(
        (4, (IGen<char>)Gen.Char[' ', '~']),
        (4, Gen.Char[Interesting]),
        (1, Gen.Char));

    public static readonly Gen<string> RandomText = Gen.Frequency(
        (8, (IGen<string>)AnyChar.Array[0, 40].Select(chars => new string(chars))),
        (1, AnyChar.Array[200, 2000].Select(chars => new string(chars))),
        (1, Gen.Select(AnyChar, Gen.Int[10_000, 10_240]).Select((c, n) => new string(c, n))));

    /// <summary>One to four edits (insert, delete, replace, duplicate a slice) of one of <paramref name="seeds"/>.</summary>
    public static Gen<string> MutationsOf(params string[] seeds) =>
        Gen.Select(Gen.OneOf(seeds), Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], AnyChar).Array[1, 4])
            .Select((seed, edits) => edits.Aggregate(seed, Apply));

    /// <summary>Random text most of the time, mutations of valid inputs the rest.</summary>
    public static Gen<string> Mixed(params string[] seeds) =>
        Gen.Frequency((1, (IGen<string>)RandomText), (1, MutationsOf(seeds)));

    private static string Apply(string text, (int Kind, int Position, char Char) edit)
    {
        var at = text.Length == 0 ? 0 : edit.Position % (text.Length + 1);
        return edit.Kind switch
        {
            0 => text.Insert(at, edit.Char.ToString()),
            1 when at < text.Length => text.Remove(at, 1),
            2 when at < text.Length => string.Concat(text.AsSpan(0, at), edit.Char.ToString(), text.AsSpan(at + 1)),
            _ => text.Insert(at, text[..at]),
        };
    }
}
