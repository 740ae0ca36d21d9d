using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Scanner.Functions.Http;

/// <summary>Reads a bounded JSON request body; every way it can be wrong becomes a 4xx problem, never an exception.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, bool required, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, Problems.TooLarge());
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? Problems.TooLarge() : Problems.BadRequest("The request body could not be read."));
        }

        if (body is null)
        {
            return (null, Problems.TooLarge());
        }

        if (body.Length == 0 || body.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return required ? (null, Problems.BadRequest("A JSON request body is required.")) : (null, null);
        }

        try
        {
            var value = JsonSerializer.Deserialize(body, typeInfo);
            return value is null
                ? (null, Problems.BadRequest("The request body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            return (null, Problems.BadRequest($"The request body is not the expected JSON{where}."));
        }
    }

    // Null when the body is over the limit; reading stops at the first byte past it.
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
