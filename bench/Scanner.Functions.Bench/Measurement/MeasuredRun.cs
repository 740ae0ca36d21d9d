using Scanner.Functions.Bench.Wrk;

namespace Scanner.Functions.Bench.Measurement;

/// <summary>One measured wrk run and the CPU time the server's process spent during it.</summary>
public sealed record MeasuredRun(WrkSummary Wrk, TimeSpan ServerCpu)
{
    public TimeSpan CpuPerRequest => Wrk.Requests == 0 ? TimeSpan.Zero : ServerCpu / Wrk.Requests;
}
