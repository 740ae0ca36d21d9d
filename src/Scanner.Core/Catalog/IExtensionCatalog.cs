using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>A consistent, immutable view of every allow-listed extension, answered from memory.</summary>
public interface IExtensionCatalog
{
    /// <summary>Every extension, ordered by repository name.</summary>
    IReadOnlyList<CatalogExtension> Extensions { get; }

    CatalogExtension? Find(RepositoryName repository);
}
