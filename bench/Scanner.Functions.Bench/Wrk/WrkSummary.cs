using System.Globalization;
using System.Text.RegularExpressions;

namespace Scanner.Functions.Bench.Wrk;

/// <summary>What one wrk run measured, parsed from its <c>--latency</c> summary, with the summary itself kept verbatim.</summary>
public sealed partial record WrkSummary(double RequestsPerSecond, TimeSpan P99, long Requests, long FailedResponses, string Raw)
{
    public static WrkSummary Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var rps = RequestsPerSecondLine().Match(output);
        var p99 = P99Line().Match(output);
        var total = RequestsLine().Match(output);
        if (!rps.Success || !p99.Success || !total.Success)
        {
            throw new FormatException($"wrk's summary lacks Requests/sec, the 99% latency or the request count:\n{output}");
        }

        var failed = NonSuccessLine().Match(output) is { Success: true } non2xx
            ? long.Parse(non2xx.Groups["count"].Value, CultureInfo.InvariantCulture)
            : 0;
        return new WrkSummary(
            double.Parse(rps.Groups["value"].Value, CultureInfo.InvariantCulture),
            Duration(p99.Groups["value"].Value, p99.Groups["unit"].Value),
            long.Parse(total.Groups["count"].Value, CultureInfo.InvariantCulture),
            failed,
            output.TrimEnd());
    }

    private static TimeSpan Duration(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromTicks((long)(number * 10)),
            "ms" => TimeSpan.FromTicks((long)(number * TimeSpan.TicksPerMillisecond)),
            "s" => TimeSpan.FromTicks((long)(number * TimeSpan.TicksPerSecond)),
            "m" => TimeSpan.FromTicks((long)(number * TimeSpan.TicksPerMinute)),
            _ => throw new FormatException($"wrk latency unit '{unit}' is not known."),
        };
    }

    [GeneratedRegex(@"^Requests/sec:\s+(?<value>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s+99%\s+(?<value>[0-9.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99Line();

    [GeneratedRegex(@"^\s+(?<count>[0-9]+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^\s+Non-2xx or 3xx responses:\s+(?<count>[0-9]+)", RegexOptions.Multiline)]
    private static partial Regex NonSuccessLine();
}
