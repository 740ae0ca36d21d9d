using Scanner.Core.Repositories;
using Scanner.Testing.Registry;

namespace Scanner.Registry.Tests.Support;

/// <summary>A repository of 50 versions (1.0.0 to 1.0.49, each its own image) plus a <c>latest</c> tag.</summary>
internal static class FiftyTagRepository
{
    public const int Versions = 50;

    public static async Task<RepositoryName> SeedAsync(RegistrySeeder seeder, string prefix)
    {
        var repository = seeder.NewRepository(prefix);
        var pushed = new PushedImage[Versions];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Versions),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, token) => pushed[i] = await seeder.PushAsync(repository, $"1.0.{i}", new SeedImage(ExtensionLabelSets.Valid("Fifty", $"1.0.{i}")), token));
        await seeder.TagAsync(repository, pushed[^1], "latest");
        return repository;
    }
}
