using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Repositories;
using Scanner.Core.Tests.Support;
using Scanner.Core.Updates;
using static Scanner.Core.Tests.Support.CatalogBuilder;

namespace Scanner.Core.Tests.Updates;

public class UpdateAdvisorTests
{
    private static readonly SemanticVersion Api034 = SemanticVersion.Parse("0.3.4");

    private static UpdateAdvice Advise(CatalogExtension? extension, string installed, string api = "0.3.4", bool includePrerelease = false) =>
        UpdateAdvisor.Advise(extension, SemanticVersion.Parse(api), new InstalledExtension(Repository, SemanticVersion.Parse(installed)), includePrerelease);

    [Fact]
    public void An_extension_not_in_the_catalog_is_unknown()
    {
        var advice = Advise(null, "1.0.0");

        Assert.Equal(UpdateStatus.UnknownExtension, advice.Status);
        Assert.Null(advice.LatestVersion);
        Assert.Null(advice.LatestCompatibleVersion);
        Assert.False(advice.UpdateAvailable);
    }

    [Fact]
    public void The_newest_compatible_version_installed_is_up_to_date()
    {
        var advice = Advise(Extension([Record("1.0.0"), Record("1.1.0")]), "1.1.0");

        Assert.Equal(UpdateStatus.UpToDate, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestVersion);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestCompatibleVersion);
        Assert.False(advice.UpdateAvailable);
    }

    [Fact]
    public void A_newer_compatible_version_is_an_update()
    {
        var advice = Advise(Extension([Record("1.0.0"), Record("1.1.0")]), "1.0.0");

        Assert.Equal(UpdateStatus.UpdateAvailable, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestCompatibleVersion);
        Assert.True(advice.UpdateAvailable);
    }

    [Fact]
    public void A_newer_version_needing_a_newer_desktop_is_not_proposed()
    {
        // Real-world labels: 1.1.0 needs Extension API 0.4.2, the client has 0.3.4.
        var advice = Advise(Extension([Record("1.0.0", ">= 0.2.3"), Record("1.1.0", ">=0.4.2")]), "1.0.0");

        Assert.Equal(UpdateStatus.NewerVersionNeedsNewerDesktop, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestVersion);
        Assert.Equal(SemanticVersion.Parse("1.0.0"), advice.LatestCompatibleVersion);
        Assert.False(advice.UpdateAvailable);
    }

    [Fact]
    public void A_compatible_update_wins_over_a_newer_incompatible_version()
    {
        var extension = Extension([Record("1.0.0"), Record("1.1.0", "0.3.4"), Record("2.0.0", ">= 1.4.7, < 2.0")]);

        var advice = Advise(extension, "1.0.0");

        Assert.Equal(UpdateStatus.UpdateAvailable, advice.Status);
        Assert.Equal(SemanticVersion.Parse("2.0.0"), advice.LatestVersion);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestCompatibleVersion);
    }

    [Theory]
    [InlineData("0.3.4", "1.1.0")]
    [InlineData("0.4.2", "1.2.0")]
    [InlineData("1.4.7", "1.3.0")]
    [InlineData("2.0.0", "1.2.0")]
    [InlineData("0.2.0", null)]
    public void The_latest_compatible_version_follows_the_client_api_version(string api, string? expected)
    {
        var extension = Extension([
            Record("1.0.0", ">= 0.2.3"),
            Record("1.1.0", "0.3.4"),
            Record("1.2.0", ">=0.4.2"),
            Record("1.3.0", ">= 1.4.7, < 2.0"),
            Record("1.4.0-beta.1", "1.0.0-beta.1"),
        ]);

        var advice = Advise(extension, "1.0.0", api);

        Assert.Equal(expected is null ? null : SemanticVersion.Parse(expected), advice.LatestCompatibleVersion);
    }

    [Fact]
    public void A_blocked_installed_version_is_reported_as_blocked()
    {
        var advice = Advise(Extension([Record("1.0.0"), Record("1.1.0")], blocked: "1.0.0"), "1.0.0");

        Assert.Equal(UpdateStatus.InstalledVersionBlocked, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.1.0"), advice.LatestCompatibleVersion);
        Assert.True(advice.UpdateAvailable);
    }

    [Fact]
    public void A_blocked_installed_version_without_a_replacement_is_still_reported_as_blocked()
    {
        var advice = Advise(Extension([Record("1.0.0")], blocked: "1.0.0"), "1.0.0");

        Assert.Equal(UpdateStatus.InstalledVersionBlocked, advice.Status);
        Assert.Null(advice.LatestVersion);
        Assert.False(advice.UpdateAvailable);
    }

    [Fact]
    public void Blocked_and_invalid_versions_are_never_proposed()
    {
        var extension = Extension([Record("1.0.0"), Record("1.1.0", valid: false), Record("1.2.0")], blocked: "1.2.0");

        var advice = Advise(extension, "1.0.0");

        Assert.Equal(UpdateStatus.UpToDate, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.0.0"), advice.LatestVersion);
    }

    [Fact]
    public void A_version_whose_api_range_is_unparsable_is_never_proposed()
    {
        var advice = Advise(Extension([Record("1.0.0"), Record("1.1.0") with { ApiVersionRange = ">= banana" }]), "1.0.0");

        Assert.Equal(UpdateStatus.UpToDate, advice.Status);
        Assert.Equal(SemanticVersion.Parse("1.0.0"), advice.LatestVersion);
    }

    [Fact]
    public void Prereleases_are_proposed_only_when_asked_for()
    {
        var extension = Extension([Record("1.0.0"), Record("1.1.0-beta.1")]);

        var stable = Advise(extension, "1.0.0");
        var adventurous = Advise(extension, "1.0.0", includePrerelease: true);

        Assert.Equal(UpdateStatus.UpToDate, stable.Status);
        Assert.Equal(SemanticVersion.Parse("1.0.0"), stable.LatestVersion);
        Assert.Equal(UpdateStatus.UpdateAvailable, adventurous.Status);
        Assert.Equal(SemanticVersion.Parse("1.1.0-beta.1"), adventurous.LatestCompatibleVersion);
    }

    [Fact]
    public void An_installed_version_newer_than_the_catalog_is_up_to_date()
    {
        var advice = Advise(Extension([Record("1.0.0")]), "3.0.0");

        Assert.Equal(UpdateStatus.UpToDate, advice.Status);
        Assert.False(advice.UpdateAvailable);
    }

    [Fact]
    public void Advice_covers_every_installed_extension_in_order()
    {
        var other = RepositoryName.Parse("ghcr.io/other/extension");
        var catalog = new InMemoryCatalog(Extension([Record("1.0.0"), Record("1.1.0")]));
        InstalledExtension[] installed =
        [
            new(other, SemanticVersion.Parse("1.0.0")),
            new(Repository, SemanticVersion.Parse("1.0.0")),
        ];

        var advice = UpdateAdvisor.Advise(catalog, Api034, installed);

        Assert.Equal([UpdateStatus.UnknownExtension, UpdateStatus.UpdateAvailable], advice.Select(a => a.Status));
        Assert.Equal([other, Repository], advice.Select(a => a.Repository));
    }
}
