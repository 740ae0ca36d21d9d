using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Scanner.Functions.Api;
using Scanner.Functions.Functions;

namespace Scanner.Functions.CustomHandler;

/// <summary>
/// The custom-handler side of the Functions host protocol: the readiness probe on <c>/</c> and
/// <c>POST /{FunctionName}</c> for timer and Service Bus invocations. Mapped only in custom-handler mode.
/// </summary>
public static partial class CustomHandlerEndpoints
{
    private const int MaxInvocationBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapCustomHandlerProtocol(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Ok()).ExcludeFromDescription();
        foreach (var function in FunctionCatalog.All.Where(f => f.Trigger is not HttpTrigger))
        {
            app.MapPost("/" + function.Name, (HttpContext context, FunctionInvoker invoker, ILoggerFactory loggers, CancellationToken cancellationToken) =>
                    InvokeAsync(function, context, invoker, loggers.CreateLogger(typeof(CustomHandlerEndpoints)), cancellationToken))
                .ExcludeFromDescription();
        }

        return app;
    }

    private static async Task<IResult> InvokeAsync(
        FunctionDeclaration function, HttpContext context, FunctionInvoker invoker, ILogger logger, CancellationToken cancellationToken)
    {
        // Service Bus bodies (up to 256 KiB, possibly encoded twice) are larger than the API's 64 KiB request limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxInvocationBytes;
        }

        JsonElement invocation;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxInvocationBytes)
            {
                return Failure(StatusCodes.Status413PayloadTooLarge, "The invocation body is too large.");
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            invocation = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Failure(StatusCodes.Status400BadRequest, "The invocation body is not JSON.");
        }
        catch (BadHttpRequestException e)
        {
            return Failure(e.StatusCode, "The invocation body could not be read.");
        }

        var message = function.Trigger is ServiceBusQueueTrigger or ServiceBusTopicTrigger
            ? TriggerPayload.ReadBinding(invocation, "message")
            : null;
        try
        {
            await invoker.InvokeAsync(function, message, cancellationToken);
            return TypedResults.Json(InvocationResponse.Empty, ScannerJsonContext.Default.InvocationResponse);
        }
        catch (InvalidMessageException e)
        {
            LogInvalidMessage(logger, function.Name, e.Message);
            return Failure(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogInvocationFailed(logger, e, function.Name);
            return Failure(StatusCodes.Status500InternalServerError, $"{function.Name} failed: {e.GetType().Name}");
        }
    }

    // A non-2xx status fails the invocation, so the host retries it and Service Bus dead-letters it in the end.
    private static JsonHttpResult<InvocationResponse> Failure(int status, string message) =>
        TypedResults.Json(InvocationResponse.Failed(message), ScannerJsonContext.Default.InvocationResponse, statusCode: status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} received a message it cannot process: {Reason}")]
    private static partial void LogInvalidMessage(ILogger logger, string function, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function);
}
