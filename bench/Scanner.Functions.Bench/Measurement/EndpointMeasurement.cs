namespace Scanner.Functions.Bench.Measurement;

/// <summary>Every measured run of one endpoint, one per round, and their medians.</summary>
public sealed record EndpointMeasurement(BenchEndpoint Endpoint, IReadOnlyList<MeasuredRun> Runs)
{
    public double RequestsPerSecond => Median(Runs.Select(r => r.Wrk.RequestsPerSecond));

    public TimeSpan P99 => TimeSpan.FromTicks((long)Median(Runs.Select(r => (double)r.Wrk.P99.Ticks)));

    /// <summary>Over all rounds: the process's CPU time divided by the requests answered.</summary>
    public TimeSpan CpuPerRequest => TimeSpan.FromTicks(Runs.Sum(r => r.ServerCpu.Ticks) / Math.Max(1, Runs.Sum(r => r.Wrk.Requests)));

    /// <summary>The run whose throughput is the median, to show its wrk summary.</summary>
    public MeasuredRun MedianRun => Runs.OrderBy(r => r.Wrk.RequestsPerSecond).ElementAt(Runs.Count / 2);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
