using CsCheck;
using NuGet.Versioning;
using Scanner.Core.Catalog;
using Scanner.Core.Tests.Support;
using Scanner.Core.Updates;

namespace Scanner.Core.Tests.Updates;

public class UpdateAdvisorProperties
{
    private static readonly string[] Versions = ["0.9.0", "1.0.0", "1.1.0-beta.1", "1.1.0", "1.2.0", "2.0.0-rc.1", "2.0.0", "2.1.0"];

    private static readonly string?[] Ranges = [">= 0.2.3", ">=0.4.2", "0.3.4", ">= 1.0", ">= 1.4.7, < 2.0", "1.0.0-beta.1", "not a range", null];

    private static readonly string[] ApiVersions = ["0.2.3", "0.3.4", "0.4.2", "1.0.0", "1.4.7", "2.0.0", "1.0.0-beta.1"];

    private static readonly Gen<(VersionRecord Record, bool Blocked)[]> GenVersions =
        Gen.Select(Gen.Bool, Gen.Int[0, Ranges.Length - 1], Gen.Bool, Gen.Int[0, 3]).Array[Versions.Length]
            .Select(slots => Versions
                .Select((version, i) => (version, slot: slots[i]))
                .Where(x => x.slot.Item1)
                .Select(x => (CatalogBuilder.Record(x.version, valid: x.slot.Item3) with { ApiVersionRange = Ranges[x.slot.Item2] }, x.slot.Item4 == 0))
                .ToArray());

    [Fact]
    public void Advice_never_proposes_an_invalid_blocked_unrequested_prerelease_or_incompatible_version()
    {
        Gen.Select(GenVersions, Gen.OneOf(ApiVersions), Gen.OneOf(Versions), Gen.Bool).Sample(
            (versions, apiText, installedText, includePrerelease) =>
            {
                var extension = CatalogBuilder.Extension(
                    versions.Select(v => v.Record),
                    versions.Where(v => v.Blocked).Select(v => v.Record.Version).ToArray());
                var api = SemanticVersion.Parse(apiText);
                var installed = new InstalledExtension(CatalogBuilder.Repository, SemanticVersion.Parse(installedText));

                var advice = UpdateAdvisor.Advise(extension, api, installed, includePrerelease);

                foreach (var proposed in new[] { advice.LatestVersion, advice.LatestCompatibleVersion })
                {
                    if (proposed is null)
                    {
                        continue;
                    }

                    var entry = extension.Find(proposed);
                    Assert.NotNull(entry);
                    Assert.True(entry.Record.IsValid);
                    Assert.False(entry.IsBlocked);
                    Assert.NotNull(entry.ApiRange);
                    Assert.True(includePrerelease || !proposed.IsPrerelease);
                }

                var offered = extension.Versions
                    .Where(v => v.IsOffered && (includePrerelease || !v.Version.IsPrerelease))
                    .ToArray();
                if (advice.LatestCompatibleVersion is not null)
                {
                    Assert.True(extension.Find(advice.LatestCompatibleVersion)!.ApiRange!.Includes(api));
                }

                // Nothing offered and compatible is newer than what was proposed, and nothing offered is newer than latest.
                var bestCompatible = offered.Where(v => v.ApiRange!.Includes(api)).Select(v => v.Version).Max(VersionComparer.Default);
                Assert.Equal(bestCompatible, advice.LatestCompatibleVersion);
                Assert.Equal(offered.Select(v => v.Version).Max(VersionComparer.Default), advice.LatestVersion);
                Assert.Equal(
                    advice.LatestCompatibleVersion is not null && VersionComparer.Default.Compare(advice.LatestCompatibleVersion, installed.Version) > 0,
                    advice.UpdateAvailable);
            },
            iter: 5_000,
            print: t => $"versions [{string.Join(", ", t.Item1.Select(v => $"{v.Record.Version} valid={v.Record.IsValid} range={v.Record.ApiVersionRange} blocked={v.Blocked}"))}], api {t.Item2}, installed {t.Item3}, includePrerelease {t.Item4}");
    }
}
