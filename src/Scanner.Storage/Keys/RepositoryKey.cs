using Scanner.Core.Repositories;

namespace Scanner.Storage.Keys;

/// <summary>The partition key of a repository in the <c>catalog</c> table and its row key in <c>allowlist</c>.</summary>
public static class RepositoryKey
{
    public static string For(RepositoryName repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return TableKey.Encode(repository.Value);
    }

    public static RepositoryName Parse(string key) => RepositoryName.Parse(TableKey.Decode(key));
}
