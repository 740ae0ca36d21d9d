using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scanner.Cli.Tests.Support;

/// <summary>
/// Keeps every log line of every category (the Azure SDK's forwarded events included), formatted with its properties
/// and exception, so tests can count errors and look for what must never be logged.
/// </summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    public sealed record LogLine(DateTimeOffset At, LogLevel Level, string Category, string Text)
    {
        public override string ToString() => $"{At:HH:mm:ss.fff} {Level} {Category}: {Text}";
    }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            lines.Enqueue(new LogLine(DateTimeOffset.UtcNow, logLevel, category, $"{formatter(state, exception)} [{properties}] {exception}"));
        }
    }
}
