using CsCheck;
using NuGet.Versioning;
using Scanner.Storage.Keys;

namespace Scanner.Storage.Tests.Keys;

public class VersionRowKeyTests
{
    private static readonly Gen<string> NumericIdentifier = Gen.OneOf(
        Gen.Int[0, 20].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Long[0, long.MaxValue].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<string> AlphanumericIdentifier = Gen.OneOf(
        Gen.OneOf<string>("alpha", "beta", "rc", "Alpha", "RC", "x-y", "-", "a1", "1a", "0a", "zz", "A-Z"),
        Gen.Char["a-zA-Z0-9-"].Array[1, 8].Select(c => new string(c)).Where(s => !s.All(char.IsAsciiDigit)));

    private static readonly Gen<SemanticVersion> Versions =
        Gen.Select(
            Gen.Int[0, 3].Select(i => i == 3 ? int.MaxValue : i),
            Gen.Int[0, 12],
            Gen.OneOf(Gen.Int[0, 12], Gen.Int[0, int.MaxValue]),
            Gen.OneOf(NumericIdentifier, AlphanumericIdentifier).Array[0, 4])
        .Select((major, minor, patch, labels) => labels.Length == 0
            ? new SemanticVersion(major, minor, patch)
            : new SemanticVersion(major, minor, patch, labels, metadata: null));

    [Fact]
    public void Row_keys_round_trip_to_the_same_version_text()
    {
        Versions.Sample(version =>
        {
            var decoded = VersionRowKey.Decode(VersionRowKey.Encode(version));
            return decoded.ToNormalizedString() == version.ToNormalizedString();
        });
    }

    [Fact]
    public void Ordinal_order_of_row_keys_is_the_order_of_NuGet_version_comparer()
    {
        Gen.Select(Versions, Versions).Sample((left, right) =>
        {
            var byKeys = Math.Sign(string.CompareOrdinal(VersionRowKey.Encode(left), VersionRowKey.Encode(right)));
            var byPrecedence = Math.Sign(VersionComparer.Default.Compare(left, right));

            // NuGet compares prerelease labels case-insensitively: versions that differ only by case are equal in
            // precedence, and their keys (which must stay distinct to round trip) may fall either way.
            return byPrecedence == 0
                ? string.Equals(left.ToNormalizedString(), right.ToNormalizedString(), StringComparison.OrdinalIgnoreCase)
                : byKeys == byPrecedence;
        });
    }

    [Fact]
    public void The_SemVer_specification_example_sorts_in_precedence_order()
    {
        string[] ordered =
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0-0", "2.0.0",
        ];
        var keys = ordered.Select(v => VersionRowKey.Encode(SemanticVersion.Parse(v))).ToArray();

        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
        Assert.All(keys, key => Assert.True(
            string.CompareOrdinal(key, VersionRowKey.Prefix) > 0 && string.CompareOrdinal(key, VersionRowKey.UpperBound) < 0));
    }

    [Fact]
    public void Row_keys_use_no_character_table_keys_forbid()
    {
        Versions.Sample(version =>
            !VersionRowKey.Encode(version).Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)));
    }
}
