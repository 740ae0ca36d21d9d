using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scanner.Messaging.Tests.Support;

/// <summary>Keeps every formatted log line (with exception text) so tests can look for what must never be logged.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : string.Empty;
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)} [{properties}] {exception}");
    }
}
