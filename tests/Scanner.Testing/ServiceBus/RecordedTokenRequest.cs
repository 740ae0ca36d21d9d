namespace Scanner.Testing.ServiceBus;

/// <summary>A <c>put-token</c> request to the broker's <c>$cbs</c> node and its answer (the token itself is not kept).</summary>
/// <param name="Audience">The resource the token was put for (<c>amqp://127.0.0.1/extension-changes</c>).</param>
/// <param name="KeyName">The token's <c>skn</c>, when it had one.</param>
/// <param name="Status">202 for a good token; 401 for a wrong signature, key name, resource or an expired token.</param>
/// <param name="Description">Why, as the status description told the client.</param>
public sealed record RecordedTokenRequest(int ConnectionId, string Audience, string? KeyName, int Status, string Description);
