namespace Scanner.Storage.Tests.Support;

/// <summary>Thrown by <see cref="ScriptedStepHook"/> to stop a step sequence as a process crash would.</summary>
public sealed class SimulatedCrashException(string step) : Exception($"Simulated crash after {step}")
{
    public string Step { get; } = step;
}
