namespace Scanner.Storage.Steps;

/// <summary>
/// Called after each durable step of a commit, a relay or an allow-list change (names in <see cref="StorageSteps"/>).
/// Production wiring does nothing; crash tests throw from it to stop a step sequence at an exact point.
/// </summary>
public interface IStorageStepHook
{
    ValueTask AfterStepAsync(string stepName, CancellationToken cancellationToken = default);
}
