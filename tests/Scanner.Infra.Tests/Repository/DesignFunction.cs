namespace Scanner.Infra.Tests.Repository;

/// <summary>
/// One function of DESIGN.md section 3. <see cref="AuthLevel"/> is the key an HTTP function asks for as function.json
/// spells it (<c>anonymous</c>, <c>function</c>, <c>admin</c>); null for timer and Service Bus functions.
/// </summary>
internal sealed record DesignFunction(string Name, string Trigger, string? AuthLevel);
