using Microsoft.Extensions.Logging;

namespace Scanner.Registry.Tests.Support;

/// <summary>Keeps every formatted log line (and its exception's message), to check what reaches the logs.</summary>
internal sealed class ListLogger<T>(List<string> lines) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = $"{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}";
        lock (lines)
        {
            lines.Add(line);
        }
    }
}
