using CsCheck;
using Scanner.Storage.Keys;

namespace Scanner.Storage.Tests.Keys;

public class TableKeyTests
{
    private static readonly Gen<string> Texts = Gen.OneOf(
        Gen.String,
        Gen.Char["/\\#?!%'a-z0-9.:_-"].Array[0, 40].Select(c => new string(c)),
        Gen.OneOf<string>("docker.io/portainer/x", "127.0.0.1:5000/a/b", "[::1]:5000/x", "a/b#c?d", "ünïcødé/🚀", "\u0001\u007f"));

    [Fact]
    public void Keys_round_trip_any_text()
    {
        Texts.Where(t => !HasLoneSurrogate(t)).Sample(text => TableKey.Decode(TableKey.Encode(text)) == text);
    }

    [Fact]
    public void Keys_contain_no_forbidden_character()
    {
        Texts.Where(t => !HasLoneSurrogate(t)).Sample(text =>
            !TableKey.Encode(text).Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)));
    }

    [Fact]
    public void Distinct_texts_get_distinct_keys()
    {
        Gen.Select(Texts, Texts).Where((a, b) => a != b && !HasLoneSurrogate(a) && !HasLoneSurrogate(b))
            .Sample((a, b) => TableKey.Encode(a) != TableKey.Encode(b));
    }

    [Fact]
    public void Text_that_needs_no_escape_stays_readable()
    {
        Assert.Equal("docker.io!2Fportainer!2Fx", TableKey.Encode("docker.io/portainer/x"));
        Assert.Equal("plain-text.1:2", TableKey.Encode("plain-text.1:2"));
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
