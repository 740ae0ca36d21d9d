namespace Scanner.Storage.Steps;

/// <summary>The production step hook: steps just continue.</summary>
public sealed class NoStorageStepHook : IStorageStepHook
{
    public ValueTask AfterStepAsync(string stepName, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
