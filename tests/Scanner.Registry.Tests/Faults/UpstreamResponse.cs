using System.Net;

namespace Scanner.Registry.Tests.Faults;

/// <summary>What the registry answered the proxy, for a fault rule to pass on, alter or replace.</summary>
internal sealed record UpstreamResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, byte[] Body);
