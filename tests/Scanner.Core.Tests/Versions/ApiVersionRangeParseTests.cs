using System.Text;
using NuGet.Versioning;
using Scanner.Core.Versions;

namespace Scanner.Core.Tests.Versions;

/// <summary>
/// Parsing, normal form and refusals. The normal forms are node-semver's <c>new Range(text).range</c>, except that a
/// floor that came from a partial version stays partial (<c>&gt;=1.0</c>, see <see cref="ApiVersionRange"/>).
/// </summary>
public class ApiVersionRangeParseTests
{
    public static TheoryData<string, string> NormalForms => new()
    {
        { ">= 0.2.3", ">=0.2.3" },
        { ">=0.4.2", ">=0.4.2" },
        { "0.3.4", "0.3.4" },
        { ">= 1.0", ">=1.0" },
        { ">= 1.4.7, < 2.0", ">=1.4.7 <2.0.0-0" },
        { ">= 1.4.7 , < 2.0", ">=1.4.7 <2.0.0-0" },
        { "1.0.0-beta.1", "1.0.0-beta.1" },
        { "<1.2.3", "<1.2.3" },
        { "<=1.2.3", "<=1.2.3" },
        { ">1.2.3", ">1.2.3" },
        { "=1.2.3", "1.2.3" },
        { "= 1.2.3", "1.2.3" },
        { "v1.2.3", "1.2.3" },
        { "1.2.3+build.5", "1.2.3" },
        { "1", ">=1.0 <2.0.0-0" },
        { "1.2", ">=1.2 <1.3.0-0" },
        { "1.x", ">=1.0 <2.0.0-0" },
        { "1.X", ">=1.0 <2.0.0-0" },
        { "1.2.x", ">=1.2 <1.3.0-0" },
        { "1.2.*", ">=1.2 <1.3.0-0" },
        { "1.*.*", ">=1.0 <2.0.0-0" },
        { "*", "*" },
        { "x", "*" },
        { "X", "*" },
        { ">=*", "*" },
        { "<=*", "*" },
        { ">*", "<0.0.0-0" },
        { "<*", "<0.0.0-0" },
        { ">1.2", ">=1.3" },
        { ">1", ">=2.0" },
        { "<=1.2", "<1.3.0-0" },
        { "<1.2", "<1.2.0-0" },
        { "> 1.x", ">=2.0" },
        { "~1.2.3", ">=1.2.3 <1.3.0-0" },
        { "~ 1.2.3", ">=1.2.3 <1.3.0-0" },
        { "~>1.2.3", ">=1.2.3 <1.3.0-0" },
        { "~> 1.2", ">=1.2 <1.3.0-0" },
        { "~1.2", ">=1.2 <1.3.0-0" },
        { "~1", ">=1.0 <2.0.0-0" },
        { "~0", "<1.0.0-0" },
        { "~0.2.3", ">=0.2.3 <0.3.0-0" },
        { "~0.0.3", ">=0.0.3 <0.1.0-0" },
        { "~1.2.3-beta.2", ">=1.2.3-beta.2 <1.3.0-0" },
        { "^1.2.3", ">=1.2.3 <2.0.0-0" },
        { "^ 1.2.3", ">=1.2.3 <2.0.0-0" },
        { "^0.2.3", ">=0.2.3 <0.3.0-0" },
        { "^0.0.3", ">=0.0.3 <0.0.4-0" },
        { "^0.0.0", ">=0.0.0 <0.0.1-0" },
        { "^0.0", "<0.1.0-0" },
        { "^0.0.x", "<0.1.0-0" },
        { "^0", "<1.0.0-0" },
        { "^0.x", "<1.0.0-0" },
        { "^1.x", ">=1.0 <2.0.0-0" },
        { "^1.2", ">=1.2 <2.0.0-0" },
        { "^1.2.x", ">=1.2 <2.0.0-0" },
        { "^0.2", ">=0.2 <0.3.0-0" },
        { "^0.2.x", ">=0.2 <0.3.0-0" },
        { "^1.2.3-beta.2", ">=1.2.3-beta.2 <2.0.0-0" },
        { "^0.0.3-beta", ">=0.0.3-beta <0.0.4-0" },
        { "^0.1.2-rc.1", ">=0.1.2-rc.1 <0.2.0-0" },
        { "1.2 - 2.3.4", ">=1.2 <=2.3.4" },
        { "1.2.3 - 2.3.4", "1.2.3 - *, <=2.3.4" },
        { "1.2.3 - 2.3", "1.2.3 - *, <2.4.0-0" },
        { "1.2.3 - 2", "1.2.3 - *, <3.0.0-0" },
        { "1.2.3 - *", "1.2.3 - *" },
        { "1.2.0 - 1.4.0", ">=1.2 <=1.4.0" },
        { "1.2.3-alpha - 2.0.0-rc.1", ">=1.2.3-alpha <=2.0.0-rc.1" },
        { "* - 2", "<3.0.0-0" },
        { "v1.2 - v2", ">=1.2 <3.0.0-0" },
        { ">=1.2.3 <1.3.0", ">=1.2.3 <1.3.0" },
        { ">= 1.2.3   <   1.3.0", ">=1.2.3 <1.3.0" },
        { "  1.2.3  ", "1.2.3" },
        { ">=1.0.0,<2.0.0", ">=1.0.0 <2.0.0" },
        { ">=1.0.0 , <2.0.0", ">=1.0.0 <2.0.0" },
        { "1.2.3 - 2.3.4, <2.0.0", "1.2.3 - *, <=2.3.4, <2.0.0" },
        { "1.2.3 || 2.3.4", "1.2.3 || 2.3.4" },
        { "1.2.3||2.3.4", "1.2.3 || 2.3.4" },
        { "<1.0.0 || >=2.0.0", "<1.0.0 || >=2.0.0" },
        { ">=1.0.0, <1.5.0 || >=2.0.0, <2.5.0", ">=1.0.0 <1.5.0 || >=2.0.0 <2.5.0" },
        { "^1 || ^2", ">=1.0 <2.0.0-0 || >=2.0 <3.0.0-0" },
        { ">=1.2.3 >=1.2.3", ">=1.2.3" },
        { ">=0.0.0", ">=0.0.0" },
        { ">=0.0", "*" },
        { "<0.0.0-0", "<0.0.0-0" },
        { "<0.0.0-0 || 1.2.3", "1.2.3" },
        { "<0.0.0-0 || >*", "<0.0.0-0" },
        { "* || 1.0.0-beta", "* || 1.0.0-beta" },
        { "1 2 3", ">=1.0 <2.0.0-0 >=2.0 <3.0.0-0 >=3.0 <4.0.0-0" },
        { "2147483647.0.0", "2147483647.0.0" },
    };

    [Theory]
    [MemberData(nameof(NormalForms))]
    public void ToString_gives_the_normal_form(string text, string normal)
    {
        Assert.True(ApiVersionRange.TryParse(text, out var range), $"'{text}' should parse");
        Assert.Equal(normal, range.ToString());
    }

    [Theory]
    [MemberData(nameof(NormalForms))]
    public void The_normal_form_parses_to_an_equal_range_that_includes_the_same_versions(string text, string normal)
    {
        Assert.True(ApiVersionRange.TryParse(text, out var range));
        Assert.True(ApiVersionRange.TryParse(normal, out var reparsed), $"normal form '{normal}' should parse");
        Assert.Equal(range, reparsed);
        Assert.Equal(range.GetHashCode(), reparsed.GetHashCode());
        Assert.Equal(normal, reparsed.ToString());
        foreach (var version in VersionGrid)
        {
            Assert.Equal(range.Includes(version), reparsed.Includes(version));
            Assert.Equal(range.Includes(version, includePrerelease: true), reparsed.Includes(version, includePrerelease: true));
        }
    }

    [Theory]
    [InlineData(">=1.2.3", ">= 1.2.3")]
    [InlineData(">=1.2.3 <2.0.0", ">=1.2.3, <2.0.0")]
    [InlineData(">=1.2.3 <2.0.0", " >=  1.2.3 ,  <  2.0.0 ")]
    [InlineData("~1.2.3", "~> 1.2.3")]
    [InlineData("1.2.x", "~1.2")]
    [InlineData("1.x", "^1")]
    [InlineData("=1.2.3", "v1.2.3")]
    [InlineData("1.2.3", "1.2.3+anything")]
    public void Spellings_of_the_same_range_are_equal(string left, string right)
    {
        Assert.True(ApiVersionRange.TryParse(left, out var a));
        Assert.True(ApiVersionRange.TryParse(right, out var b));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Different_ranges_are_not_equal()
    {
        Assert.True(ApiVersionRange.TryParse(">=1.2.3", out var a));
        Assert.True(ApiVersionRange.TryParse(">1.2.3", out var b));
        Assert.NotEqual(a, b);
        Assert.False(a.Equals(null));
    }

    public static TheoryData<string> Refused => new()
    {
        "",
        " ",
        "   ",
        ">=",
        ">= ",
        "<",
        "<=",
        ">",
        "=",
        "~",
        "~>",
        "^",
        "||",
        "1.2.3 ||",
        "|| 1.2.3",
        "1.2.3 || || 2.0.0",
        "1.2.3 | 2.0.0",
        ",",
        ",1.2.3",
        "1.2.3,",
        ">=1.2.3,,<2",
        "1 , , 2",
        "1.2.3.4",
        "1.2.3.4.5",
        "01.2.3",
        "1.02.3",
        "1.2.03",
        "1.2.3-01",
        "1.2.3-",
        "1.2.3+",
        "1.2.3-beta..1",
        "1.2.3-beta_1",
        "1.2.3beta",
        "1.2-beta",
        "1.x-beta",
        "x.2",
        "1.x.3",
        "*.1",
        "**",
        ">>1",
        "<>1",
        "=>1",
        "=<1",
        "~^1",
        "^~1",
        ">=1.2.3<2",
        "1.2.3 -",
        "- 1.2.3",
        "1.2.3 - ",
        "1.2.3 -2.3.4",
        "1.2.3- 2.3.4",
        "1.2.3 - 2.3.4 - 5.0.0",
        ">=1.2.3 - 2",
        "1.2.3 - >=2",
        "-1.2.3",
        "+1.2.3",
        "V1.2.3",
        "vv1.2.3",
        "latest",
        "a.b.c",
        "2147483648.0.0",
        "1.99999999999.0",
        "^2147483647.0.0",
        "~1.2147483647.0",
        "1.2.3\t",
        "\t1.2.3",
        "1.2.3\n",
        "1.2.3\r\n<2",
        "1.2.3\0",
        "\u0001",
        ">=\u00A01.2.3",
        "1.2.3\u2028",
        "\u0661.2.3",
        ">=\u0661.\u0662.\u0663",
        ">=\uFF11.0.0",
        "1.\u0967.0",
        ">= 1.4.7; < 2.0",
        "1.2.3 && 2",
        "(1.2.3)",
        "[1.0,2.0)",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Refuses_what_is_not_a_range(string text)
    {
        Assert.False(ApiVersionRange.TryParse(text, out var range));
        Assert.Null(range);
    }

    [Fact]
    public void Refuses_null()
    {
        Assert.False(ApiVersionRange.TryParse(null, out var range));
        Assert.Null(range);
    }

    [Theory]
    [InlineData(10 * 1024)]
    [InlineData(ApiVersionRange.MaxLength + 1)]
    public void Refuses_texts_over_the_length_cap_even_when_well_formed(int length)
    {
        var text = new StringBuilder(">=1.0.0");
        while (text.Length < length)
        {
            text.Append(" >=1.0.0");
        }

        Assert.False(ApiVersionRange.TryParse(text.ToString(), out _));
    }

    [Fact]
    public void Accepts_a_long_range_within_the_cap()
    {
        var parts = Enumerable.Repeat(">=1.0.0", ApiVersionRange.MaxLength / 8);
        var text = string.Join(' ', parts);
        Assert.True(text.Length <= ApiVersionRange.MaxLength);
        Assert.True(ApiVersionRange.TryParse(text, out var range));
        Assert.Equal(">=1.0.0", range.ToString());
    }

    [Fact]
    public void Refuses_ten_kilobytes_of_digits_without_overflowing()
    {
        Assert.False(ApiVersionRange.TryParse(new string('9', 10 * 1024), out _));
        Assert.False(ApiVersionRange.TryParse("1." + new string('9', 20) + ".0", out _));
    }

    /// <summary>Docker's documented and real-world label values, against the Extension API versions clients run.</summary>
    public static TheoryData<string, string, bool> RealWorldOutcomes => new()
    {
        { ">= 0.2.3", "0.2.2", false },
        { ">= 0.2.3", "0.3.4", true },
        { ">= 0.2.3", "0.4.2", true },
        { ">= 0.2.3", "1.4.7", true },
        { ">= 0.2.3", "2.0.0", true },
        { ">=0.4.2", "0.3.4", false },
        { ">=0.4.2", "0.4.2", true },
        { ">=0.4.2", "1.4.7", true },
        { ">=0.4.2", "2.0.0", true },
        { "0.3.4", "0.3.4", true },
        { "0.3.4", "0.4.2", false },
        { "0.3.4", "1.4.7", false },
        { "0.3.4", "2.0.0", false },
        { ">= 1.0", "0.3.4", false },
        { ">= 1.0", "0.4.2", false },
        { ">= 1.0", "1.4.7", true },
        { ">= 1.0", "2.0.0", true },
        { ">= 1.4.7, < 2.0", "0.3.4", false },
        { ">= 1.4.7, < 2.0", "0.4.2", false },
        { ">= 1.4.7, < 2.0", "1.4.6", false },
        { ">= 1.4.7, < 2.0", "1.4.7", true },
        { ">= 1.4.7, < 2.0", "1.99.0", true },
        { ">= 1.4.7, < 2.0", "2.0.0", false },
        { "1.0.0-beta.1", "1.0.0-beta.1", true },
        { "1.0.0-beta.1", "0.3.4", false },
        { "1.0.0-beta.1", "0.4.2", false },
        { "1.0.0-beta.1", "1.0.0", false },
        { "1.0.0-beta.1", "1.4.7", false },
        { "1.0.0-beta.1", "2.0.0", false },
    };

    [Theory]
    [MemberData(nameof(RealWorldOutcomes))]
    public void Real_world_label_values_include_the_expected_extension_api_versions(string label, string apiVersion, bool expected)
    {
        Assert.True(ApiVersionRange.TryParse(label, out var range), $"'{label}' should parse");
        Assert.Equal(expected, range.Includes(SemanticVersion.Parse(apiVersion)));
    }

    private static IReadOnlyList<SemanticVersion> VersionGrid { get; } = BuildGrid();

    private static SemanticVersion[] BuildGrid()
    {
        var labels = new[] { null, "0", "alpha", "beta", "beta.1", "rc.10" };
        var grid = new List<SemanticVersion>();
        foreach (var major in new[] { 0, 1, 2, 3 })
        {
            foreach (var minor in new[] { 0, 1, 2, 3, 4, 5 })
            {
                foreach (var patch in new[] { 0, 1, 3, 4, 7 })
                {
                    foreach (var label in labels)
                    {
                        grid.Add(label is null
                            ? new SemanticVersion(major, minor, patch)
                            : new SemanticVersion(major, minor, patch, label));
                    }
                }
            }
        }

        return grid.ToArray();
    }
}
