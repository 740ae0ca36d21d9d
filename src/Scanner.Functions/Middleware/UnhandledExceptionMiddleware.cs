using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Scanner.Functions.Http;

namespace Scanner.Functions.Middleware;

/// <summary>
/// The worker has no ASP.NET Core middleware pipeline, so this is where an HTTP function's unhandled exception becomes
/// a problem-details answer (<see cref="UnhandledExceptionProblem"/>). Other triggers rethrow: the host retries them.
/// </summary>
public sealed class UnhandledExceptionMiddleware(ILogger<UnhandledExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { Response.HasStarted: false })
        {
            var http = context.GetHttpContext()!;
            var inner = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerException! : exception;
            await UnhandledExceptionProblem.For(inner, http, logger).ExecuteAsync(http);
        }
    }
}
