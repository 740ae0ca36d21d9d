using Scanner.Core.Versions;

namespace Scanner.Core.Tests.Versions;

public class VersionTagTests
{
    [Theory]
    [InlineData("1.2.3")]
    [InlineData("0.0.0")]
    [InlineData("1.0.0-beta.1")]
    [InlineData("1.0.0-0")]
    [InlineData("10.20.30-alpha-1.x.7")]
    public void Strict_semver_tags_are_versions(string tag)
    {
        Assert.True(VersionTag.TryParse(tag, out var version));
        Assert.Equal(tag, VersionTag.Format(version));
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v1.2.3")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("01.2.3")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+build")]
    [InlineData("1.2.3_build")]
    [InlineData("1.2.3\n")]
    [InlineData(" 1.2.3")]
    [InlineData("\u0661.2.3")]
    [InlineData("1.2.\uFF13")]
    [InlineData("")]
    [InlineData("99999999999.0.0")]
    public void Other_tags_are_not_versions(string tag)
    {
        Assert.False(VersionTag.TryParse(tag, out var version));
        Assert.Null(version);
        Assert.False(VersionTag.IsVersion(tag));
    }

    [Fact]
    public void Tags_longer_than_the_distribution_spec_allows_are_not_versions()
    {
        Assert.False(VersionTag.IsVersion("1.2.3-" + new string('a', VersionTag.MaxTagLength)));
        Assert.False(VersionTag.IsVersion(null));
    }
}
