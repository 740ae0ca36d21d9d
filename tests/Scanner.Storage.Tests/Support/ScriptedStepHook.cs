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
    private Func<Task>? actionAt;
    private string? actionStep;

    public IReadOnlyList<string> Steps => [.. steps];

    public void CrashAfter(string step) => crashAfter = step;

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

        if (stepName == crashAfter && Interlocked.Exchange(ref crashAfter, null) is not null)
        {
            throw new SimulatedCrashException(stepName);
        }
    }
}
