using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AspNetJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Scanner.Functions.Http;

/// <summary>
/// <see cref="Ok{TValue}"/> with the body written straight into the response by a <see cref="Utf8JsonWriter"/>
/// callback, for an answer that grows with the question. The writer takes the app's encoder and indentation, so the
/// bytes are the ones Ok would have written (a test holds the callback to that). Same status, content type, flush and
/// OpenAPI metadata as Ok.
/// </summary>
public sealed class Utf8JsonOk<TValue> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly Action<Utf8JsonWriter, TValue> _write;

    public Utf8JsonOk(TValue value, Action<Utf8JsonWriter, TValue> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Value = value;
        _write = write;
    }

    public TValue Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var app = httpContext.RequestServices.GetService<IOptions<AspNetJsonOptions>>()?.Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        try
        {
            using (var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = app?.Encoder, Indented = app?.WriteIndented ?? false, SkipValidation = true }))
            {
                _write(writer, Value);
            }

            await response.BodyWriter.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away, as Ok ignores it too.
        }
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
    }
}
