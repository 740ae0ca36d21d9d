using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using AspNetJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Scanner.Functions.Http;

/// <summary>
/// <see cref="Ok{TValue}"/> with the body written by <see cref="ScannerJsonContext"/>'s generated serializer. Ok writes
/// through the app's <see cref="AspNetJsonOptions"/>, whose relaxed encoder makes System.Text.Json refuse the generated
/// fast path and walk the metadata property by property; the update check's profile showed that walk growing with
/// every installed extension. Here the serializer runs on the context's own options (fast path) while the writer takes
/// the app's encoder and indentation, so the bytes are the ones Ok would have written. Same status, content type,
/// flush and OpenAPI metadata as Ok.
/// </summary>
public sealed class GeneratedJsonOk<TValue> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly JsonTypeInfo<TValue> _typeInfo;

    public GeneratedJsonOk(TValue value, JsonTypeInfo<TValue> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Value = value;
        _typeInfo = typeInfo;
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
                JsonSerializer.Serialize(writer, Value, _typeInfo);
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
