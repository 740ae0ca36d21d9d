namespace Scanner.Registry;

/// <summary>Why a registry operation failed; callers branch on this, never on message text.</summary>
public enum RegistryErrorKind
{
    /// <summary>Credentials missing or refused (401 after answering the challenge, 403).</summary>
    Unauthorized,

    /// <summary>The repository, tag, manifest or blob does not exist (404).</summary>
    NotFound,

    /// <summary>The registry asked for a pause (429) longer than allowed, or kept asking until retries ran out.</summary>
    Throttled,

    /// <summary>
    /// The host's pull allowance (<c>ratelimit-remaining</c>) is down to its reserve: pull-counted requests are not sent
    /// until <see cref="RegistryException.RetryAt"/>, the end of the allowance window.
    /// </summary>
    PullAllowance,

    /// <summary>5xx answers or network errors until retries ran out.</summary>
    Unavailable,

    /// <summary>Requests kept taking longer than the request timeout.</summary>
    Timeout,

    /// <summary>Content does not match its digest or declared size, or the digest cannot be verified.</summary>
    Integrity,

    /// <summary>A manifest or blob is larger than its cap.</summary>
    TooLarge,

    /// <summary>A tag list exceeded the tag or page cap.</summary>
    LimitExceeded,

    /// <summary>The registry answered something the distribution API does not allow (bad JSON, Link to another origin, loops).</summary>
    Protocol,

    /// <summary>The request is not allowed by configuration (plain http to a host not marked insecure).</summary>
    Configuration,
}
