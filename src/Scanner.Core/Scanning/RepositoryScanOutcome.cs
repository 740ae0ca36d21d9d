using System.Diagnostics.CodeAnalysis;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>Either a complete scan result or the reason the repository could not be scanned; never a partial result.</summary>
public sealed class RepositoryScanOutcome
{
    private RepositoryScanOutcome(RepositoryName repository, RepositoryScanResult? result, string? failure)
    {
        Repository = repository;
        Result = result;
        Failure = failure;
    }

    public RepositoryName Repository { get; }

    public RepositoryScanResult? Result { get; }

    public string? Failure { get; }

    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Result is not null;

    public static RepositoryScanOutcome Success(RepositoryScanResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RepositoryScanOutcome(result.Repository, result, null);
    }

    public static RepositoryScanOutcome Failed(RepositoryName repository, string reason)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new RepositoryScanOutcome(repository, null, reason);
    }
}
