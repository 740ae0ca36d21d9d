using Scanner.Core.Scanning;

namespace Scanner.Application.Scanning;

/// <summary>Reads one repository from its registry. Never throws for registry trouble: that is a failed outcome.</summary>
public interface IRepositoryScanner
{
    Task<RepositoryScanOutcome> ScanAsync(StoredRepository stored, CancellationToken cancellationToken = default);
}
