using Scanner.Registry.Http;

namespace Scanner.Registry.Tests.Http;

/// <summary>The reading of <c>ratelimit-*</c> headers and the per-host allowance state, without a registry.</summary>
public sealed class PullAllowanceStateTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("100;w=21600", 100, 21600)]
    [InlineData("76;w=21600", 76, 21600)]
    [InlineData(" 5 ; w=60 ", 5, 60)]
    [InlineData("0", 0, null)]
    public void Rate_limit_headers_are_read_as_a_count_and_a_window(string text, long count, int? windowSeconds)
    {
        Assert.True(RateLimitValue.TryParse(text, out var value));
        Assert.Equal(count, value.Count);
        Assert.Equal(windowSeconds is { } s ? TimeSpan.FromSeconds(s) : null, value.Window);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("many")]
    [InlineData("-1;w=60")]
    public void Rate_limit_headers_that_are_no_count_are_ignored(string? text) => Assert.False(RateLimitValue.TryParse(text, out _));

    [Fact]
    public void Pulls_stop_at_the_reserve_counting_those_in_flight_and_go_on_when_the_window_has_passed()
    {
        var allowance = new PullAllowance(reserve: 10);
        allowance.Read(null, new RateLimitValue(12, TimeSpan.FromSeconds(600)), pullCounted: false, pullSpent: false, allowance.Mark, Now);

        Assert.True(allowance.TryStart(Now, out _, out _));
        Assert.True(allowance.TryStart(Now, out _, out _));
        Assert.False(allowance.TryStart(Now, out var remaining, out var retryAt));
        Assert.Equal(12, remaining);
        Assert.Equal(Now.AddSeconds(600), retryAt);
        Assert.True(allowance.TryStart(Now.AddSeconds(600), out _, out _));
    }

    [Fact]
    public void A_reading_that_may_predate_answered_pulls_does_not_raise_the_allowance()
    {
        var allowance = new PullAllowance(reserve: 0);
        var window = TimeSpan.FromSeconds(600);
        allowance.Read(null, new RateLimitValue(50, window), false, false, allowance.Mark, Now);
        var headSentBeforeThePull = allowance.Mark;
        Assert.True(allowance.TryStart(Now, out _, out _));
        var pullMark = allowance.Mark;
        allowance.Read(null, new RateLimitValue(49, window), pullCounted: true, pullSpent: true, pullMark, Now);
        allowance.Finish(spent: true);

        // The HEAD was answered before the pull but read after it.
        allowance.Read(null, new RateLimitValue(50, window), false, false, headSentBeforeThePull, Now);
        Assert.Equal(49, allowance.Remaining);

        // A later reading with no pull since it left may raise it (the window rolls on).
        allowance.Read(null, new RateLimitValue(60, window), false, false, allowance.Mark, Now);
        Assert.Equal(60, allowance.Remaining);
    }

    [Fact]
    public void Backoff_doubles_to_its_cap_and_halves_away()
    {
        var backoff = new HostBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(350));
        var seen = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            backoff.Failed();
            seen.Add(backoff.Current.TotalMilliseconds);
        }

        for (var i = 0; i < 3; i++)
        {
            backoff.Succeeded();
            seen.Add(backoff.Current.TotalMilliseconds);
        }

        Assert.Equal([100, 200, 350, 350, 175, 0, 0], seen);
        Assert.Equal(TimeSpan.Zero, backoff.NextWait());
    }
}
