using System.Diagnostics;
using Scanner.Functions.Bench.Wrk;

namespace Scanner.Functions.Bench.Measurement;

/// <summary>
/// Warms every endpoint up first (so no endpoint is measured while the JIT still compiles another's code), then
/// measures them in turn, round after round: a machine whose load drifts shifts every endpoint of a round alike, and
/// the medians of the rounds keep one disturbed run from deciding a figure.
/// </summary>
public sealed class HttpBenchmark(WrkRunner wrk, int rounds)
{
    public int Rounds => rounds;

    /// <summary>Measures; the server runs in this process, so its CPU time is this process's.</summary>
    public async Task<IReadOnlyList<EndpointMeasurement>> RunAsync(IReadOnlyList<BenchEndpoint> endpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var endpoint in endpoints)
        {
            Console.WriteLine($"Warming up {endpoint.Name} ...");
            await wrk.WarmUpAsync(endpoint.Url, cancellationToken);
        }

        var runs = endpoints.ToDictionary(e => e, _ => new List<MeasuredRun>());
        using var process = Process.GetCurrentProcess();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var endpoint in endpoints)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                var summary = await wrk.MeasureAsync(endpoint.Url, cancellationToken);
                process.Refresh();
                var run = new MeasuredRun(summary, process.TotalProcessorTime - before);
                runs[endpoint].Add(run);
                Console.WriteLine(FormattableString.Invariant(
                    $"Round {round}, {endpoint.Name}: {summary.RequestsPerSecond:0} req/s, p99 {summary.P99.TotalMilliseconds:0.00} ms, {run.CpuPerRequest.TotalMicroseconds:0.0} us CPU/request"));
            }
        }

        return [.. endpoints.Select(e => new EndpointMeasurement(e, runs[e]))];
    }
}
