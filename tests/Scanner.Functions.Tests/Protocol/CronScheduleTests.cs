using Scanner.Functions.Timers;

namespace Scanner.Functions.Tests.Protocol;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 */15 * * * *", "2026-11-23T10:07:30Z", "2026-11-23T10:15:00Z")]
    [InlineData("0 */15 * * * *", "2026-11-23T10:45:00Z", "2026-11-23T11:00:00Z")]
    [InlineData("0 * * * * *", "2026-11-23T10:07:30Z", "2026-11-23T10:08:00Z")]
    [InlineData("30 5 3 * * *", "2026-11-23T10:00:00Z", "2026-11-24T03:05:30Z")]
    [InlineData("0 0 9 * * 1-5", "2026-11-28T12:00:00Z", "2026-11-30T09:00:00Z")]
    [InlineData("0 0 0 1 1 *", "2026-11-23T00:00:00Z", "2027-01-01T00:00:00Z")]
    [InlineData("0 0,30 8-9 * * *", "2026-11-23T08:30:00Z", "2026-11-23T09:00:00Z")]
    public void Next_occurrence_follows_ncrontab(string expression, string after, string expected)
    {
        var schedule = CronSchedule.Parse(expression);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            schedule.GetNextOccurrence(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * * * *")]
    [InlineData("0 */0 * * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("0 0 25 * * *")]
    [InlineData("a b c d e f")]
    [InlineData("0 0 0 32 * *")]
    public void Invalid_expressions_are_rejected_with_a_reason(string expression)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
