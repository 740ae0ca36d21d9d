using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Calls a function the way the worker does: a new instance of its class per invocation (constructor injection from
/// the app's services), each parameter bound from the trigger, the returned task awaited.
/// </summary>
public static class FunctionInvoker
{
    /// <summary>Invokes <paramref name="function"/>; returns what it returned (an <see cref="IResult"/> for HTTP).</summary>
    public static async Task<object?> InvokeAsync(
        FunctionDescriptor function,
        IServiceProvider services,
        HttpContext? http,
        string? message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var instance = ActivatorUtilities.CreateInstance(services, function.Method.DeclaringType!);
        var arguments = function.Method.GetParameters().Select(object? (parameter) => parameter.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(HttpRequest) => http!.Request,
            var t when t == typeof(TimerInfo) => new TimerInfo(),
            _ when function.Queue is not null => message,
            _ => http!.Request.RouteValues.TryGetValue(parameter.Name!, out var value) ? value?.ToString() : null,
        }).ToArray();

        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        if (returned is Task task)
        {
            await task.ConfigureAwait(false);
            var type = task.GetType();
            return type.IsGenericType ? type.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }

        return returned;
    }
}
