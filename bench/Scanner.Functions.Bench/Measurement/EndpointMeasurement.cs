namespace Scanner.Functions.Bench.Measurement;

/// <summary>Every measured run of one endpoint, one per round, and their medians.</summary>
public sealed record EndpointMeasurement(BenchEndpoint Endpoint, IReadOnlyList<MeasuredRun> Runs)
{
    public double RequestsPerSecond => Median(Runs.Select(r => r.Wrk.RequestsPerSecond));

    public TimeSpan P99 => TimeSpan.FromTicks((long)Median(Runs.Select(r => (double)r.Wrk.P99.Ticks)));

    /// <summary>Over all rounds: the process's CPU time divided by the requests answered.</summary>
    public TimeSpan CpuPerRequest => TimeSpan.FromTicks(Runs.Sum(r => r.ServerCpu.Ticks) / Math.Max(1, Runs.Sum(r => r.Wrk.Requests)));

    /// <summary>
    /// Each round's req/s over <paramref name="baseline"/>'s in the same round: the two ran seconds apart, on a machine
    /// whose speed drifts over a run more than the figures being compared differ.
    /// </summary>
    public IReadOnlyList<double> RatiosPerRound(EndpointMeasurement baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return [.. Runs.Select((run, i) => run.Wrk.RequestsPerSecond / baseline.Runs[i].Wrk.RequestsPerSecond)];
    }

    /// <summary>The median of <see cref="RatiosPerRound"/>.</summary>
    public double RatioTo(EndpointMeasurement baseline) => Median(RatiosPerRound(baseline));

    /// <summary>The run whose throughput is the median, to show its wrk summary.</summary>
    public MeasuredRun MedianRun => Runs.OrderBy(r => r.Wrk.RequestsPerSecond).ElementAt(Runs.Count / 2);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
