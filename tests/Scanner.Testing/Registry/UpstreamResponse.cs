using System.Net;

namespace Scanner.Testing.Registry;

/// <summary>What the registry answered the proxy, for a fault rule to pass on, alter or replace.</summary>
public sealed record UpstreamResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);
