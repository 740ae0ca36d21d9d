using Scanner.Core.Repositories;

namespace Scanner.Core.Catalog;

/// <summary>A consistent, immutable view of every allow-listed extension, answered from memory.</summary>
public interface IExtensionCatalog
{
    /// <summary>Every extension, ordered by repository name.</summary>
    IReadOnlyList<CatalogExtension> Extensions { get; }

    CatalogExtension? Find(RepositoryName repository);

    /// <summary>
    /// The extension whose normalised name is exactly <paramref name="value"/>, or null. Clients send back the names the
    /// API gave them, so this finds most without parsing; a miss says nothing, the text may still name one.
    /// </summary>
    CatalogExtension? FindByNormalizedName(ReadOnlySpan<char> value)
    {
        foreach (var extension in Extensions)
        {
            if (value.SequenceEqual(extension.Repository.Value))
            {
                return extension;
            }
        }

        return null;
    }
}
