using System.Net.Http.Headers;

namespace Scanner.Registry.Http;

/// <summary>
/// One logical registry request as the transport's layers (retries, the pull allowance, redirects, the single hop)
/// hand it down: what to send, to which host, with which credentials and body cap, and how to name it in errors.
/// </summary>
internal sealed record RegistryExchange(
    RequestKind Kind,
    RegistryHost Host,
    Uri Uri,
    HttpMethod Method,
    Action<HttpRequestMessage> Configure,
    AuthenticationHeaderValue? Authorization,
    long MaxBodyBytes,
    bool FollowRedirects,
    string Description);
