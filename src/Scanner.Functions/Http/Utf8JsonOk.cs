using System.Buffers;
using System.Reflection;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AspNetJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Scanner.Functions.Http;

/// <summary>
/// <see cref="Ok{TValue}"/> with a body that <typeparamref name="TBody"/> writes in one piece, for an answer that grows
/// with the question: written into a pooled buffer, then sent with its <c>Content-Length</c>. The body gets the app's
/// JSON encoder, so the bytes are the ones Ok would have written; a test holds each body to that. Same status, content
/// type and OpenAPI metadata as Ok.
/// </summary>
public sealed class Utf8JsonOk<TValue, TBody>(TValue value) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
    where TBody : IUtf8JsonBody<TValue>
{
    private const string ContentType = "application/json; charset=utf-8";

    public TValue Value { get; } = value;

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var encoder = httpContext.RequestServices.GetService<IOptions<AspNetJsonOptions>>()?.Value.SerializerOptions.Encoder ?? JavaScriptEncoder.Default;
        var buffer = ArrayPool<byte>.Shared.Rent(TBody.MaxLength(Value));
        try
        {
            var length = TBody.Write(buffer, encoder, Value);
            var response = httpContext.Response;
            response.StatusCode = StatusCode;
            response.ContentType = ContentType;
            response.ContentLength = length;
            await response.BodyWriter.WriteAsync(buffer.AsMemory(0, length), httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away, as Ok ignores it too.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
    }
}
