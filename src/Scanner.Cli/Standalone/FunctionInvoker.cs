using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

using Scanner.Functions.Discovery;

namespace Scanner.Cli.Standalone;

/// <summary>
/// Calls a function the way the worker does: a new instance of its class per invocation (constructor injection from
/// the app's services), each parameter bound from the trigger, the returned task awaited. The binding is compiled
/// once per function, so an invocation costs a delegate call, not reflection.
/// </summary>
public sealed class FunctionInvoker
{
    private static readonly MethodInfo RouteValueMethod = typeof(FunctionInvoker).GetMethod(nameof(RouteValue), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo CompletedMethod = typeof(FunctionInvoker).GetMethod(nameof(Completed), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitTaskMethod = typeof(FunctionInvoker).GetMethod(nameof(AwaitTask), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo AwaitResultMethod = typeof(FunctionInvoker).GetMethod(nameof(AwaitResult), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<IServiceProvider, HttpContext?, string?, CancellationToken, ValueTask<object?>> _invoke;

    private FunctionInvoker(Func<IServiceProvider, HttpContext?, string?, CancellationToken, ValueTask<object?>> invoke) => _invoke = invoke;

    /// <summary>Compiles the call of <paramref name="function"/>: its class's factory, its parameters' bindings, its result.</summary>
    public static FunctionInvoker For(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var method = function.Method;
        var factory = ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var http = Expression.Parameter(typeof(HttpContext), "http");
        var message = Expression.Parameter(typeof(string), "message");
        var cancellationToken = Expression.Parameter(typeof(CancellationToken), "cancellationToken");

        var instance = Expression.Convert(
            Expression.Invoke(Expression.Constant(factory), services, Expression.Constant(null, typeof(object[]))),
            method.DeclaringType!);
        var arguments = method.GetParameters().Select(Expression (parameter) => parameter.ParameterType switch
        {
            var t when t == typeof(CancellationToken) => cancellationToken,
            var t when t == typeof(HttpRequest) => Expression.Property(http, nameof(HttpContext.Request)),
            var t when t == typeof(TimerInfo) => Expression.New(typeof(TimerInfo)),
            _ when function.Queue is not null => message,
            _ => Expression.Call(RouteValueMethod, http, Expression.Constant(parameter.Name)),
        });
        var call = Expression.Call(instance, method, arguments);
        var returns = method.ReturnType;
        Expression body =
            returns == typeof(void) ? Expression.Block(call, Expression.Call(CompletedMethod, Expression.Constant(null)))
            : returns == typeof(Task) ? Expression.Call(AwaitTaskMethod, call)
            : returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? Expression.Call(AwaitResultMethod.MakeGenericMethod(returns.GetGenericArguments()), call)
            : Expression.Call(CompletedMethod, Expression.Convert(call, typeof(object)));
        var lambda = Expression.Lambda<Func<IServiceProvider, HttpContext?, string?, CancellationToken, ValueTask<object?>>>(
            body, services, http, message, cancellationToken);
        return new FunctionInvoker(lambda.Compile());
    }

    /// <summary>Invokes the function; returns what it returned (an <see cref="IResult"/> for HTTP).</summary>
    public ValueTask<object?> InvokeAsync(IServiceProvider services, HttpContext? http, string? message, CancellationToken cancellationToken) =>
        _invoke(services, http, message, cancellationToken);

    private static string? RouteValue(HttpContext http, string name) =>
        http.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    private static ValueTask<object?> Completed(object? value) => new(value);

    private static async ValueTask<object?> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static ValueTask<object?> AwaitResult<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? new(task.Result) : AwaitSlowly(task);

    private static async ValueTask<object?> AwaitSlowly<T>(Task<T> task) => await task.ConfigureAwait(false);
}
