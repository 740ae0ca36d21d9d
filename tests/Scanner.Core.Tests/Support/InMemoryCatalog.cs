using Scanner.Core.Catalog;
using Scanner.Core.Repositories;

namespace Scanner.Core.Tests.Support;

/// <summary>The smallest real <see cref="IExtensionCatalog"/>: a fixed list.</summary>
internal sealed class InMemoryCatalog(params CatalogExtension[] extensions) : IExtensionCatalog
{
    public IReadOnlyList<CatalogExtension> Extensions { get; } = extensions.OrderBy(e => e.Repository).ToArray();

    public CatalogExtension? Find(RepositoryName repository) => Extensions.FirstOrDefault(e => e.Repository == repository);
}
