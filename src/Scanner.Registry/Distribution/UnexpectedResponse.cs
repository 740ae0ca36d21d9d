using System.Net;
using Scanner.Registry.Http;

namespace Scanner.Registry.Distribution;

/// <summary>Maps an answer the operation cannot use to the one error it stands for.</summary>
internal static class UnexpectedResponse
{
    public static RegistryException For(RegistryRequest request, RegistryResponse response, string what) =>
        response.Status == HttpStatusCode.NotFound
            ? new RegistryException(RegistryErrorKind.NotFound, $"{request}: {what} not found (404)")
            : new RegistryException(RegistryErrorKind.Protocol, $"{request}: unexpected {(int)response.Status} {response.Status} for {what}");
}
