using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Scanner.Functions.Bench.Wrk;

namespace Scanner.Functions.Bench;

/// <summary>The figures of one run: the console table and <c>bench/results/http.md</c>.</summary>
public sealed record HttpReport(
    WrkRunner Wrk, string HealthUrl, WrkSummary Health, string UpdatesUrl, WrkSummary Updates, int Installed, string LoadBefore)
{
    public double Ratio => Updates.RequestsPerSecond / Health.RequestsPerSecond;

    public string Table()
    {
        var table = new StringBuilder();
        table.AppendLine("| endpoint | req/s | p99 | ratio updates/health |");
        table.AppendLine("|---|---:|---:|---:|");
        table.AppendLine(Row("GET /api/health", Health, "1.00"));
        table.AppendLine(Row($"GET /api/v1/updates ({Installed} installed)", Updates, Ratio.ToString("0.00", CultureInfo.InvariantCulture)));
        return table.ToString();
    }

    public string Markdown(DateTimeOffset when)
    {
        var md = new StringBuilder();
        md.AppendLine("# HTTP API: update check against health");
        md.AppendLine();
        md.AppendLine("`GET /api/v1/updates` with " + Installed + " installed extensions against `GET /api/health` on the same standalone");
        md.AppendLine("`scanner serve` server (in process, real Azurite and `docker-registry`, catalog answered from the in-memory snapshot),");
        md.AppendLine("measured with Debian's `wrk`. Produced by `dotnet run -c Release --project bench/Scanner.Functions.Bench`.");
        md.AppendLine();
        md.AppendLine($"- Date: {when.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        md.AppendLine($"- Machine: {Environment.ProcessorCount} cores (`nproc`), {CpuModel()}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        md.AppendLine($"- Command (each after a {Wrk.WarmUp.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s warm-up run of the same command): `{Wrk.CommandFor("URL")}`");
        md.AppendLine($"- Catalog: {Installed} allow-listed extensions, each with 1.0.0 (`>= 0.2.3`), 1.1.0 (`>= 0.3.0`), 2.0.0 (`>= 0.4.0`);");
        md.AppendLine("  the request asks at `apiVersion=0.3.4`, half the extensions installed at 1.0.0 (update available), half at 1.1.0.");
        md.AppendLine("- wrk and the server share the same cores, and the machine was shared with other builds while it ran: the ratio");
        md.AppendLine("  is the meaningful figure, absolute numbers are low bounds.");
        md.AppendLine($"- `/proc/loadavg` just before the first wrk run: `{LoadBefore}`");
        md.AppendLine();
        md.Append(Table());
        md.AppendLine();
        md.AppendLine("## wrk summaries");
        md.AppendLine();
        md.AppendLine($"`{HealthUrl}`");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(Health.Raw);
        md.AppendLine("```");
        md.AppendLine();
        md.AppendLine($"`{UpdatesUrl}`");
        md.AppendLine();
        md.AppendLine("```");
        md.AppendLine(Updates.Raw);
        md.AppendLine("```");
        return md.ToString();
    }

    private static string Row(string endpoint, WrkSummary summary, string ratio) =>
        string.Create(CultureInfo.InvariantCulture, $"| {endpoint} | {summary.RequestsPerSecond:0} | {summary.P99.TotalMilliseconds:0.00} ms | {ratio} |");

    /// <summary>The 1, 5 and 15 minute load averages, to tell a quiet machine's run from a busy one's.</summary>
    public static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3)) : "unknown";
    }

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        var line = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            : null;
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
