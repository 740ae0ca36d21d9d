using System.Runtime.InteropServices;
using Scanner.Testing.Azurite;

namespace Scanner.Testing.Benchmarks;

/// <summary>What a benchmark report says about where it ran, and where it writes its results.</summary>
public static class BenchMachine
{
    /// <summary>The 1, 5 and 15 minute load averages, to tell a quiet machine's run from a busy one's.</summary>
    public static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3)) : "unknown";
    }

    /// <summary>Cores, CPU model, OS and runtime, for the report's header.</summary>
    public static string Description() =>
        $"{Environment.ProcessorCount} cores (`nproc`), {CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";

    /// <summary>The checkout's <c>bench/results/</c> folder.</summary>
    public static string ResultsDirectory() => Path.Combine(RepositoryRoot.Find(), "bench", "results");

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
