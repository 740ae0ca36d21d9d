using Scanner.Core.Labels;
using Scanner.Core.Repositories;
using Scanner.Testing.Registry;

namespace Scanner.Functions.Bench;

/// <summary>
/// The benchmark's extensions: each repository gets 1.0.0 (<c>&gt;= 0.2.3</c>), 1.1.0 (<c>&gt;= 0.3.0</c>) and 2.0.0
/// (<c>&gt;= 0.4.0</c>), so a client on API 0.3.4 has a compatible update from 1.0.0 and a too-new one from 1.1.0.
/// </summary>
public static class BenchCatalog
{
    public const string LatestVersion = "2.0.0";

    private static readonly (string Version, string ApiRange)[] Versions =
    [
        ("1.0.0", ">= 0.2.3"),
        ("1.1.0", ">= 0.3.0"),
        (LatestVersion, ">= 0.4.0"),
    ];

    public static async Task<IReadOnlyList<RepositoryName>> SeedAsync(RegistrySeeder seeder, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seeder);
        var repositories = Enumerable.Range(0, count).Select(i => seeder.NewRepository($"bench-{i:00}")).ToArray();
        await Task.WhenAll(repositories.Select(async (repository, index) =>
        {
            foreach (var (version, apiRange) in Versions)
            {
                var labels = ExtensionLabelSets.Valid($"Bench Extension {index:00}", version);
                labels[LabelNames.ApiVersion] = apiRange;
                await seeder.PushAsync(repository, version, new SeedImage(labels), cancellationToken);
            }
        }));
        return repositories;
    }

    /// <summary>What a desktop client would send: half the extensions at 1.0.0, half at 1.1.0.</summary>
    public static string InstalledQuery(IReadOnlyList<RepositoryName> repositories)
    {
        ArgumentNullException.ThrowIfNull(repositories);
        return string.Join('&', repositories.Select((r, i) => $"installed={Uri.EscapeDataString(r.Value)}@{(i % 2 == 0 ? "1.0.0" : "1.1.0")}"));
    }
}
