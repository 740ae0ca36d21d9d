using Scanner.Storage;

namespace Scanner.Functions.Http;

/// <summary>
/// What an HTTP caller gets for an exception no function handled: storage unreachable is a 503 with Retry-After (the
/// caller should come back), anything else a 500 problem without internals. Both hosts answer through this.
/// </summary>
public static partial class UnhandledExceptionProblem
{
    public const int RetryAfterSeconds = 5;

    public static IResult For(Exception exception, HttpContext context, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        if (exception is StorageUnavailableException || StorageUnavailableException.IsUnreachable(exception))
        {
            LogStorageUnavailable(logger, context.Request.Path, exception.GetType().Name);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                "Table Storage does not answer; try again shortly.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The service is temporarily unavailable.");
        }

        LogUnhandled(logger, exception, context.Request.Path);
        return TypedResults.Problem(
            "The request failed on the server; it has been logged.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: "Internal server error.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: Table Storage did not answer ({ErrorType}); answered 503")]
    private static partial void LogStorageUnavailable(ILogger logger, string path, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path}: unhandled exception; answered 500")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
