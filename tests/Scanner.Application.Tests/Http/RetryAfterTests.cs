using System.Net.Http.Headers;
using Scanner.Application.Http;

namespace Scanner.Application.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_read_as_a_delay() =>
        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfter.From(RetryConditionHeaderValue.Parse("7"), Now));

    [Fact]
    public void Http_date_is_read_as_the_time_left_until_it() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.From(RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 12:01:30 GMT"), Now));

    [Fact]
    public void Date_in_the_past_means_no_wait() =>
        Assert.Equal(TimeSpan.Zero, RetryAfter.From(RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 11:00:00 GMT"), Now));

    [Fact]
    public void Missing_header_gives_no_delay() => Assert.Null(RetryAfter.From(null, Now));
}
