using System.Net;
using System.Net.Http.Headers;

namespace Scanner.Registry.Http;

/// <summary>A registry answer with its body read (within the request's cap).</summary>
public sealed class RegistryResponse
{
    internal RegistryResponse(HttpStatusCode status, Uri requestUri, HttpResponseHeaders headers, HttpContentHeaders? contentHeaders, byte[] body)
    {
        Status = status;
        RequestUri = requestUri;
        Headers = headers;
        ContentHeaders = contentHeaders;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The address that answered, after redirects.</summary>
    public Uri RequestUri { get; }

    public HttpResponseHeaders Headers { get; }

    public HttpContentHeaders? ContentHeaders { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public string? ContentType => ContentHeaders?.ContentType?.MediaType;

    public long? ContentLength => ContentHeaders?.ContentLength;

    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : ContentHeaders is not null && ContentHeaders.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;
}
