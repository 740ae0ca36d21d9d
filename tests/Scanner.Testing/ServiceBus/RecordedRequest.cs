namespace Scanner.Testing.ServiceBus;

/// <summary>One request to the contract server and how it was answered.</summary>
/// <param name="Authorization">What authenticated it: <c>SAS skn=... se=...</c> or <c>Bearer</c> (never the signature or token).</param>
/// <param name="SasExpiry">The <c>se</c> of a SAS token, to see renewals.</param>
/// <param name="Problem">Why it was refused, null when accepted.</param>
public sealed record RecordedRequest(
    int Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string? Entity,
    string? ContentType,
    bool IsBatch,
    int BodyBytes,
    string Authorization,
    long? SasExpiry,
    int Status,
    string? Problem);
