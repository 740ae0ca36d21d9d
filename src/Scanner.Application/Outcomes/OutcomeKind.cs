namespace Scanner.Application.Outcomes;

/// <summary>How a use case answered; the HTTP layer maps each kind to one status.</summary>
public enum OutcomeKind
{
    Ok,
    Created,

    /// <summary>The input is not valid; <see cref="Outcome{T}.Detail"/> says why, for the caller.</summary>
    Invalid,

    NotFound,
}
