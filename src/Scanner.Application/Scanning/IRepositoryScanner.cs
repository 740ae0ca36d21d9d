using Scanner.Core.Scanning;

namespace Scanner.Application.Scanning;

/// <summary>
/// Reads one repository from its registry, within the scan deadline (<c>Scanner:ScanTimeout</c>). Never throws for
/// registry trouble or a passed deadline: those are a failed outcome, and a pull allowance at its reserve is a throttled
/// one (with <see cref="RepositoryScanOutcome.RetryAt"/>). Throws <see cref="OperationCanceledException"/> only when the
/// caller's token is cancelled. The outcome counts the requests of this scan alone.
/// </summary>
public interface IRepositoryScanner
{
    Task<RepositoryScanOutcome> ScanAsync(StoredRepository stored, CancellationToken cancellationToken = default);
}
