namespace Scanner.Cli.Tests.Support;

/// <summary>A clock that stays where it is put, so a burst of requests cannot straddle a minute boundary.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
