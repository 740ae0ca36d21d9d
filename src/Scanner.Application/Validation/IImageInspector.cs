using Scanner.Core.Repositories;
using Scanner.Core.Scanning;

namespace Scanner.Application.Validation;

/// <summary>Reads the labels of one image (<c>scanner validate</c>), by tag or digest.</summary>
public interface IImageInspector
{
    /// <summary>Throws <see cref="ImageInspectionException"/> with a reason a person can act on.</summary>
    Task<ImageDescription> InspectAsync(RepositoryName repository, string reference, CancellationToken cancellationToken = default);
}
