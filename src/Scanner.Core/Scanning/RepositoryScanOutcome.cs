using System.Diagnostics.CodeAnalysis;
using Scanner.Core.Repositories;

namespace Scanner.Core.Scanning;

/// <summary>
/// Either a complete scan result, or the reason the repository was not scanned (failed, or throttled until
/// <see cref="RetryAt"/>); never a partial result. Every outcome carries the registry requests its own scan made.
/// </summary>
public sealed class RepositoryScanOutcome
{
    private RepositoryScanOutcome(
        RepositoryScanOutcomeKind kind, RepositoryName repository, RepositoryScanResult? result, string? failure, DateTimeOffset? retryAt, RegistryRequestCounts requests)
    {
        Kind = kind;
        Repository = repository;
        Result = result;
        Failure = failure;
        RetryAt = retryAt;
        Requests = requests;
    }

    public RepositoryScanOutcomeKind Kind { get; }

    public RepositoryName Repository { get; }

    public RepositoryScanResult? Result { get; }

    /// <summary>Why the repository was not scanned: the failure, or what it is throttled by. Null only on success.</summary>
    public string? Failure { get; }

    /// <summary>When a throttled scan can be tried again (the end of the registry's allowance window); null otherwise.</summary>
    public DateTimeOffset? RetryAt { get; }

    /// <summary>The requests this scan made, and only this scan, whatever else ran on the same client at once.</summary>
    public RegistryRequestCounts Requests { get; }

    [MemberNotNullWhen(true, nameof(Result))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Kind == RepositoryScanOutcomeKind.Succeeded;

    [MemberNotNullWhen(true, nameof(RetryAt), nameof(Failure))]
    public bool IsThrottled => Kind == RepositoryScanOutcomeKind.Throttled;

    public static RepositoryScanOutcome Success(RepositoryScanResult result, RegistryRequestCounts requests = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RepositoryScanOutcome(RepositoryScanOutcomeKind.Succeeded, result.Repository, result, null, null, requests);
    }

    public static RepositoryScanOutcome Failed(RepositoryName repository, string reason, RegistryRequestCounts requests = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new RepositoryScanOutcome(RepositoryScanOutcomeKind.Failed, repository, null, reason, null, requests);
    }

    public static RepositoryScanOutcome Throttled(RepositoryName repository, DateTimeOffset retryAt, string reason, RegistryRequestCounts requests = default)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new RepositoryScanOutcome(RepositoryScanOutcomeKind.Throttled, repository, null, reason, retryAt, requests);
    }
}
