namespace Scanner.Application.Health;

/// <summary>One cheap call to Table Storage, so health can say whether it answers.</summary>
public interface IStorageProbe
{
    /// <summary>Completes when Table Storage answered; throws when it did not.</summary>
    Task ProbeAsync(CancellationToken cancellationToken = default);
}
