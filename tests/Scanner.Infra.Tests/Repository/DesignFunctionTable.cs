using System.Text.RegularExpressions;

namespace Scanner.Infra.Tests.Repository;

/// <summary>The function table of docs/DESIGN.md section 3, the list the package is held against.</summary>
internal static partial class DesignFunctionTable
{
    private const string SectionHeading = "## 3. Functions";

    public static IReadOnlyList<DesignFunction> Read()
    {
        var functions = new List<DesignFunction>();
        foreach (var line in DesignDocument.Section(SectionHeading))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // A data row is "| `Name`, `Name` | trigger | does |": cells[0] and cells[^1] are the empty outer edges.
            if (cells.Length < 4 || !cells[1].StartsWith('`'))
            {
                continue;
            }

            var trigger = cells[2];
            functions.AddRange(BacktickedName().Matches(cells[1]).Select(match => Parse(match.Groups[1].Value, trigger)));
        }

        return functions.Count > 0
            ? functions
            : throw new InvalidOperationException($"No function rows under '{SectionHeading}' in {DesignDocument.Path}.");
    }

    private static DesignFunction Parse(string name, string trigger)
    {
        if (trigger.StartsWith("timer", StringComparison.Ordinal))
        {
            return new DesignFunction(name, "timerTrigger", null, null);
        }

        if (trigger.StartsWith("queue", StringComparison.Ordinal))
        {
            var queue = QueueName().Match(trigger);
            return queue.Success
                ? new DesignFunction(name, "queueTrigger", queue.Groups[1].Value, null)
                : throw new InvalidOperationException($"DESIGN.md names no queue for {name}: '{trigger}'.");
        }

        if (trigger.StartsWith("HTTP", StringComparison.Ordinal))
        {
            var authLevel = trigger.Contains("admin key", StringComparison.Ordinal) ? "admin"
                : trigger.Contains("function key", StringComparison.Ordinal) ? "function"
                : trigger.Contains("anonymous", StringComparison.Ordinal) ? "anonymous"
                : throw new InvalidOperationException($"DESIGN.md names no key for the HTTP trigger of {name}: '{trigger}'.");
            return new DesignFunction(name, "httpTrigger", null, authLevel);
        }

        throw new InvalidOperationException($"DESIGN.md trigger '{trigger}' of {name} is not a timer, a queue or HTTP.");
    }

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex BacktickedName();

    [GeneratedRegex("^queue `([a-z0-9-]+)`")]
    private static partial Regex QueueName();
}
