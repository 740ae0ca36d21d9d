namespace Scanner.Storage.Tests.Support;

/// <summary>A clock the test sets, so that event ids (which include change times) repeat across runs.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
