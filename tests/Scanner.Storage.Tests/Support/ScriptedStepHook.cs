using System.Collections.Concurrent;
using Scanner.Storage.Steps;

namespace Scanner.Storage.Tests.Support;

/// <summary>
/// Records every step and, once, at the chosen step, crashes (throws) or runs an action such as stopping Azurite.
/// </summary>
public sealed class ScriptedStepHook : IStorageStepHook
{
    private readonly ConcurrentQueue<string> steps = new();
    private string? crashAfter;
    private int crashOccurrence;
    private int seen;
    private Func<Task>? actionAt;
    private string? actionStep;

    public IReadOnlyList<string> Steps => [.. steps];

    /// <summary>Crashes after the <paramref name="occurrence"/>-th time <paramref name="step"/> completes.</summary>
    public void CrashAfter(string step, int occurrence = 1)
    {
        crashAfter = step;
        crashOccurrence = occurrence;
        seen = 0;
    }

    public void RunAfter(string step, Func<Task> action)
    {
        actionStep = step;
        actionAt = action;
    }

    public async ValueTask AfterStepAsync(string stepName, CancellationToken cancellationToken = default)
    {
        steps.Enqueue(stepName);
        if (stepName == actionStep && Interlocked.Exchange(ref actionAt, null) is { } action)
        {
            await action().ConfigureAwait(false);
        }

        if (stepName == crashAfter && Interlocked.Increment(ref seen) == crashOccurrence)
        {
            throw new SimulatedCrashException(stepName);
        }
    }
}
